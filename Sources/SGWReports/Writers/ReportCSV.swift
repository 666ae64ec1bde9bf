public import Foundation
import SGWFormats

/// The report as one CSV file (`CSVWriter`): UTF-8 with a byte-order mark, so that Excel reads the Chinese right;
/// the notes, each table with its totals, and the listing of each table, one after another, each under its name in
/// 【】 and a blank line between.
public enum ReportCSV {
    /// The file's bytes.
    public static func data(_ report: AccountabilityReport) -> Data {
        var w = CSVWriter(encoding: .utf8BOM)
        for (i, sheet) in report.sheets.enumerated() {
            if i > 0 { w.row([SpreadsheetValue]()) }
            w.row(["【\(sheet.name)】"])
            for row in sheet.rows { w.row(row) }
        }
        return Data(w.encoded())
    }
}
