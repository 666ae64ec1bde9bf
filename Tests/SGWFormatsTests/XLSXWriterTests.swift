import Foundation
import SGWFormats
import SGWTesting
import Testing

/// A workbook `XLSXWriter` makes is read back by sgw's own XLSX reader as the same text: header, rows, characters
/// XML must escape, Chinese text, empty cells, and formulas defused with a `'` (as in a CSV file).
@Suite struct XLSXWriterTests {
    @Test func aWorkbookReadsBackAsItsRows() throws {
        let dir = try TemporaryDirectory(prefix: "sgw-xlsx")
        defer { dir.remove() }
        let rows = [["名称", "说明", "金额"],
                    ["周村区<市场>监督&管理局", "a \"quoted\" 'text'\nsecond line", "-5"],
                    ["", "=SUM(A1:A2)", "@cmd"]]
        let path = dir.path + "/package.xlsx"
        try XLSXWriter.workbook(sheet: "记录 & <1>", rows: rows).write(to: URL(fileURLWithPath: path))
        var reader = try XLSXRecordReader(path: path, format: XLSXFormat(sheet: "记录 & <1>"))
        var read: [RawRecord] = []
        while let result = try reader.next() {
            guard case .record(let record) = result else { Issue.record("unreadable: \(result)"); continue }
            read.append(record)
        }
        #expect(read.first?.names.names == rows[0])
        #expect(read.count == 2)
        #expect(read.first?.values == ["周村区<市场>监督&管理局", "a \"quoted\" 'text'\nsecond line", "-5"])
        // An empty cell reads as empty or absent; the formulas come back defused, never as formulas.
        #expect((read.last?.values.first ?? nil) ?? "" == "")
        #expect(Array(read.last?.values.dropFirst() ?? []) == ["'=SUM(A1:A2)", "'@cmd"])
    }

    /// Several sheets, their names made unique and cut to Excel's 31 characters, numbers read back as numbers.
    @Test func sheetsKeepTheirNamesAndNumbers() throws {
        let dir = try TemporaryDirectory(prefix: "sgw-xlsx")
        defer { dir.remove() }
        let path = dir.path + "/report.xlsx"
        let long = String(repeating: "表", count: 40)
        try XLSXWriter.workbook([
            XLSXWriter.Sheet(name: "信息推送", rows: [[.text("部门"), .text("按时")], [.text("区水利局"), .number(6)]]),
            XLSXWriter.Sheet(name: "信息推送", rows: [[.text("x")], [.text("=HYPERLINK(\"http://x\")")]]),
            XLSXWriter.Sheet(name: long, rows: [[.text("y")], [.empty]]),
        ]).write(to: URL(fileURLWithPath: path))
        func rows(_ sheet: String) throws -> [[String?]] {
            var reader = try XLSXRecordReader(path: path, format: XLSXFormat(sheet: sheet))
            var out: [[String?]] = []
            while let result = try reader.next() { if case .record(let r) = result { out.append(r.values) } }
            return out
        }
        #expect(try rows("信息推送") == [["区水利局", "6"]])
        #expect(try rows("信息推送(2)") == [["'=HYPERLINK(\"http://x\")"]])
        #expect(try rows(String(long.prefix(31))).isEmpty)
    }
}
