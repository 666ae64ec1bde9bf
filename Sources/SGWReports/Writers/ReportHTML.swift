public import Foundation
public import SGWCore

/// The report as HTML, self-contained (inline style and SVG charts, no script, no external asset), in Chinese. Every
/// number links to the list of entries behind it, further down the same page; with a base URL, each message id links
/// to its page in the console (`BASE/console/messages/ID`). The console embeds `body(_:baseURL:)` in its own page.
public enum ReportHTML {
    /// A whole page.
    public static func page(_ report: AccountabilityReport, baseURL: String? = nil) -> String {
        """
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><title>\(e("审批与监管信息推送认领情况通报 \(report.period)"))</title>
        <style>\(style)</style></head>
        <body>
        \(body(report, baseURL: baseURL))
        </body></html>

        """
    }

    /// The styles `body` expects, for a page that embeds it.
    public static let style = """
        .sgw-report{font-family:sans-serif;font-size:14px;color:#222}.sgw-report table{border-collapse:collapse;margin:8px 0 16px}\
        .sgw-report th,.sgw-report td{border:1px solid #bbb;padding:3px 8px}.sgw-report td.n{text-align:right}\
        .sgw-report tr.total td{font-weight:bold;background:#f3f3f3}.sgw-report .note{color:#555;font-size:12px}\
        .sgw-report a{color:#1a5296}.sgw-report .zero{color:#aaa}
        """

    /// The report as a fragment (`<section class="sgw-report">`): headings, charts, tables, the listings.
    public static func body(_ report: AccountabilityReport, baseURL: String? = nil) -> String {
        var h = "<section class=\"sgw-report\">\n<h1>审批与监管信息推送认领情况通报</h1>\n"
        for line in report.headerLines.dropFirst() { h += "<p class=\"note\">\(e(line))</p>\n" }
        h += "<div class=\"charts\">\(report.onTimeChart.svg)\n\(report.overdueChart.svg)</div>\n"
        for table in report.tables { h += summary(table) }
        h += "<h2 id=\"listings\">明细：各项数字对应的消息</h2>\n"
        for table in report.tables { h += listing(table, baseURL: baseURL) }
        return h + "</section>\n"
    }

    static func summary(_ t: ReportTable) -> String {
        let claims = t.id == "claims"
        var h = "<h2 id=\"\(t.id)\">\(e(t.title))</h2>\n<p class=\"note\">\(e(t.note))</p>\n<table>\n<tr><th>部门</th><th>职责</th>"
        h += t.columns.map { "<th>\(e($0.title))</th>" }.joined() + (claims ? "<th>自动认领及逾期责任方</th>" : "") + "</tr>\n"
        for (r, row) in t.rows.enumerated() {
            h += "<tr><td>\(e(row.department))</td><td>\(e(AccountabilityReport.dutyLabel(row.duty)))</td>"
            h += t.columns.indices.map { c in cell(row.cells[c].count, anchor: anchor(t, row: r, column: c)) }.joined()
            h += (claims ? "<td>\(e(row.responsible ?? ""))</td>" : "") + "</tr>\n"
        }
        h += "<tr class=\"total\"><td>合计</td><td></td>"
        h += t.totals.enumerated().map { c, entries in cell(entries.count, anchor: anchor(t, row: nil, column: c)) }.joined()
        h += (claims ? "<td></td>" : "") + "</tr>\n</table>\n<ul class=\"note\">"
        h += t.columns.map { "<li><b>\(e($0.title))</b>：\(e($0.meaning))</li>" }.joined() + "</ul>\n"
        return h
    }

    static func listing(_ t: ReportTable, baseURL: String?) -> String {
        var h = "<h3>\(e(t.title))</h3>\n"
        for (c, column) in t.columns.enumerated() {
            h += "<h4 id=\"\(anchor(t, row: nil, column: c))\">\(e(t.title))：\(e(column.title))（\(t.totals[c].count)）</h4>\n"
            for (r, row) in t.rows.enumerated() where !row.cells[c].isEmpty {
                h += "<p id=\"\(anchor(t, row: r, column: c))\">\(e(row.department)) · \(e(AccountabilityReport.dutyLabel(row.duty)))"
                    + "（\(row.cells[c].count)）</p>\n<table><tr><th>消息编号</th><th>类型</th><th>接收时间</th><th>期限</th>"
                    + "<th>完成时间</th><th>认领方/责任方/去向</th><th>状态</th></tr>\n"
                for x in row.cells[c] {
                    let id = baseURL.map { base in
                        "<a href=\"\(e(base.trimmingTrailingSlash + "/console/messages/" + (x.messageID.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? x.messageID)))\">\(e(x.messageID))</a>"
                    } ?? e(x.messageID)
                    h += "<tr><td>\(id)</td><td>\(e(x.kind))</td><td>\(ShanghaiTime.format(x.receivedAt))</td>"
                        + "<td>\(x.dueAt.map(ShanghaiTime.format) ?? "")</td><td>\(x.doneAt.map(ShanghaiTime.format) ?? "")</td>"
                        + "<td>\(e(x.party ?? ""))</td><td>\(e(x.state))</td></tr>\n"
                }
                h += "</table>\n"
            }
        }
        return h
    }

    /// `pushes-onTime` for a column's total, `pushes-r2-onTime` for a row's cell.
    static func anchor(_ t: ReportTable, row: Int?, column: Int) -> String {
        "\(t.id)-" + (row.map { "r\($0)-" } ?? "") + t.columns[column].id
    }

    static func cell(_ n: Int, anchor: String) -> String {
        n == 0 ? "<td class=\"n zero\">0</td>" : "<td class=\"n\"><a href=\"#\(anchor)\">\(n)</a></td>"
    }

    static func e(_ text: String) -> String { BarChart.escape(text) }
}

extension String {
    var trimmingTrailingSlash: String { hasSuffix("/") ? String(dropLast()) : self }
}
