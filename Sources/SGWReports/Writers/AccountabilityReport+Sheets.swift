import Foundation
public import SGWCore

/// The report as sheets of cells, which the CSV and XLSX writers write: a sheet per table (the numbers, with the
/// totals row) and a sheet per table listing the entries behind every number, and one saying what it all means.
extension AccountabilityReport {
    /// A named sheet of rows.
    public struct Sheet: Sendable, Hashable {
        public var name: String
        public var rows: [[ReportCell]]
        /// A sheet.
        public init(name: String, rows: [[ReportCell]]) {
            self.name = name
            self.rows = rows
        }
    }

    /// The header lines every sheet set starts with: title, period, scope, when made, what "in the period" means.
    public var headerLines: [String] {
        var lines = ["审批与监管信息推送认领情况通报", "统计期间：\(period.chineseLabel)（\(period)）"]
        lines.append("适用规定：" + (profile ?? "全部") + "；部门：" + (department ?? "全部")
                     + (scopeDepartments.map { "；查看范围：" + $0.joined(separator: "、") } ?? ""))
        lines.append("生成时间：\(ShanghaiTime.format(generatedAt))；本期接收消息：\(messages)条")
        lines.append(Self.periodMeaning)
        return lines
    }

    /// The sheet of `table`'s numbers: heading, a row per department and duty, the totals.
    public func summarySheet(_ table: ReportTable) -> Sheet {
        let claims = table.id == "claims"
        var heading: [ReportCell] = [.text("部门"), .text("职责")]
        heading += table.columns.map { ReportCell.text($0.title) }
        if claims { heading.append(.text("自动认领及逾期责任方")) }
        var rows: [[ReportCell]] = [heading]
        for row in table.rows {
            var cells: [ReportCell] = [.text(row.department), .text(Self.dutyLabel(row.duty))]
            cells += row.cells.map { ReportCell.number($0.count) }
            if claims { cells.append(.text(row.responsible ?? "")) }
            rows.append(cells)
        }
        var totals: [ReportCell] = [.text("合计"), .empty]
        totals += table.totals.map { ReportCell.number($0.count) }
        rows.append(totals)
        return Sheet(name: table.title, rows: rows)
    }

    /// The sheet listing the entries behind `table`'s numbers: one line per entry and column it is counted in (the
    /// total column aside, whose entries are those of the parts).
    public func listingSheet(_ table: ReportTable) -> Sheet {
        let heading = ["统计项", "部门", "职责", "消息编号", "类型", "接收时间", "期限", "完成时间", "认领方/责任方/去向", "状态"]
        var rows: [[ReportCell]] = [heading.map { ReportCell.text($0) }]
        for row in table.rows {
            for (c, column) in table.columns.enumerated() where c > 0 {
                for e in row.cells[c] {
                    let due: ReportCell = e.dueAt.map { ReportCell.text(ShanghaiTime.format($0)) } ?? .empty
                    let done: ReportCell = e.doneAt.map { ReportCell.text(ShanghaiTime.format($0)) } ?? .empty
                    let party: ReportCell = e.party.map { ReportCell.text($0) } ?? .empty
                    let line: [ReportCell] = [.text(column.title), .text(row.department), .text(Self.dutyLabel(row.duty)),
                                              .text(e.messageID), .text(e.kind), .text(ShanghaiTime.format(e.receivedAt)),
                                              due, done, party, .text(e.state)]
                    rows.append(line)
                }
            }
        }
        return Sheet(name: table.title + "明细", rows: rows)
    }

    /// What every column counts.
    public var notesSheet: Sheet {
        var rows = headerLines.map { [ReportCell.text($0)] }
        for t in tables {
            rows.append([])
            rows.append([.text(t.title), .text(t.note)])
            for c in t.columns { rows.append([.text(c.title), .text(c.meaning)]) }
        }
        return Sheet(name: "说明", rows: rows)
    }

    /// Every sheet, in the order of the workbook: the notes, the tables, their listings.
    public var sheets: [Sheet] {
        [notesSheet] + tables.map(summarySheet) + tables.map(listingSheet)
    }
}
