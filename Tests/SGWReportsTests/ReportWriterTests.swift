import Foundation
import SGWCore
import SGWReports
import SGWTesting
import Testing
import ZIPFoundation

/// The three formats: CSV for Excel, self-contained HTML whose numbers link to their messages, an XLSX workbook with
/// numeric cells and no formula.
struct ReportWriterTests {
    @Test func csvStartsWithABOMAndCarriesEveryTable() throws {
        let (t, s, report) = try AccountabilityReportTests.scenario()
        defer { t.remove() }
        let data = ReportCSV.data(report)
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: data, as: UTF8.self)
        for heading in ["【信息推送】", "【信息认领】", "【信用信息报送】", "【信息认领明细】", "视为自动认领", "合计,,6,5,4,1,0,0,1"] {
            #expect(text.contains(heading), "\(heading)")
        }
        #expect(text.contains(s.overdueSupervision) && !text.contains(s.october))
        #expect(text.contains("\r\n"))
    }

    @Test func htmlLinksEachNumberToItsMessages() throws {
        let (t, s, report) = try AccountabilityReportTests.scenario()
        defer { t.remove() }
        let page = ReportHTML.page(report, baseURL: "https://sgw.example/")
        #expect(page.hasPrefix("<!DOCTYPE html>") && page.contains("<svg") && !page.contains("<script"))
        #expect(!page.contains("src=\"http") && !page.contains("href=\"http://") && !page.contains("<link"))
        // The auto-claimed total links to its listing, which links to each message's console page.
        #expect(page.contains("<a href=\"#claims-autoClaimed\">2</a>"))
        #expect(page.contains("id=\"claims-autoClaimed\""))
        #expect(page.contains("href=\"https://sgw.example/console/messages/\(s.autoClaimed)\""))
        // Every in-page link has its anchor.
        let links = page.matches(of: /href="#([^"]+)"/).map { String($0.1) }
        #expect(!links.isEmpty)
        for link in links { #expect(page.contains("id=\"\(link)\""), "\(link)") }
        // The fragment for the console: no page around it.
        let body = ReportHTML.body(report)
        #expect(body.hasPrefix("<section class=\"sgw-report\">") && !body.contains("<html") && !body.contains("/console/messages/"))
    }

    @Test func xlsxHasASheetPerTableNumericCellsAndNoFormula() throws {
        let (t, s, report) = try AccountabilityReportTests.scenario()
        defer { t.remove() }
        let archive = try Archive(data: try ReportXLSX.data(report), accessMode: .read)
        func part(_ path: String) throws -> String {
            var data = Data()
            _ = try archive.extract(try #require(archive[path]), consumer: { data.append($0) })
            return String(decoding: data, as: UTF8.self)
        }
        let workbook = try part("xl/workbook.xml")
        for name in ["说明", "信息推送", "信息认领", "信用信息报送", "信息推送明细", "信息认领明细", "信用信息报送明细"] {
            #expect(workbook.contains("name=\"\(name)\""), "\(name)")
        }
        let sheets = try (1...7).map { try part("xl/worksheets/sheet\($0).xml") }
        for sheet in sheets { #expect(!sheet.contains("<f>") && !sheet.contains("<f ")) }
        // The pushes sheet: its totals row holds numbers as numeric cells: 6 in all, 5 pushed.
        let pushes = sheets[1]
        #expect(pushes.contains("<c r=\"C5\" t=\"n\"><v>6</v></c>"), "\(pushes)")
        #expect(pushes.contains("<c r=\"D5\" t=\"n\"><v>5</v></c>"))
        #expect(!pushes.contains("t=\"inlineStr\"><is><t xml:space=\"preserve\">6</t>"))
        // The listing names each message behind the numbers.
        #expect(sheets[5].contains(s.autoClaimed) && sheets[5].contains("视为自动认领"))
    }

    @Test func aCellThatLooksLikeAFormulaIsDefused() throws {
        let sheet = AccountabilityReport.Sheet(name: "x", rows: [[.text("=HYPERLINK(\"http://x\")"), .number(3)]])
        let archive = try Archive(data: try ReportXLSX.workbook([sheet]), accessMode: .read)
        var data = Data()
        _ = try archive.extract(try #require(archive["xl/worksheets/sheet1.xml"]), consumer: { data.append($0) })
        let xml = String(decoding: data, as: UTF8.self)
        #expect(xml.contains("'=HYPERLINK") && xml.contains("<v>3</v>"))
    }

    @Test func chartsAreInlineSVG() throws {
        let (t, _, report) = try AccountabilityReportTests.scenario()
        defer { t.remove() }
        let onTime = report.onTimeChart
        #expect(onTime.bars.map(\.label) == ["区卫健局", "区市场监督管理局", "区水利局"])
        #expect(onTime.bars.map(\.text) == ["1/2 · 50%", "1/1 · 100%", "2/3 · 67%"])
        let overdue = report.overdueChart
        #expect(overdue.bars.count == 30)
        // The late items of the period: one push late, one claim overdue, one credit record late; all received on the 23rd.
        #expect(overdue.bars.reduce(0.0) { $0 + $1.value } == 3 && overdue.bars[22].value == 3)
        #expect(onTime.svg.hasPrefix("<svg") && onTime.svg.hasSuffix("</svg>"))
    }
}
