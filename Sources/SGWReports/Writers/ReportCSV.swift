public import Foundation

/// The report as one CSV file: UTF-8 with a byte-order mark, so that Excel reads the Chinese right; CRLF line ends;
/// the notes, each table with its totals, and the listing of each table, one after another with a blank line between.
public enum ReportCSV {
    /// The file's bytes.
    public static func data(_ report: AccountabilityReport) -> Data {
        var text = "\u{FEFF}"
        for (i, sheet) in report.sheets.enumerated() {
            if i > 0 { text += "\r\n" }
            text += field("【\(sheet.name)】") + "\r\n"
            for row in sheet.rows {
                text += row.map { cell in
                    if case .number = cell { return cell.text }
                    return field(SpreadsheetText.defused(cell.text))
                }.joined(separator: ",") + "\r\n"
            }
        }
        return Data(text.utf8)
    }

    /// A field, quoted when it holds a comma, a quote or a line break.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
