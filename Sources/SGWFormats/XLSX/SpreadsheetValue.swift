/// A cell of a file meant for Excel (CSV or XLSX): text, written defused against formulas (`SpreadsheetCell`), or a
/// number, written as a number so that a sum in Excel works on it.
public enum SpreadsheetValue: Sendable, Hashable {
    case text(String)
    case number(Int)
    case empty

    /// The cell as plain text (a number's digits, nothing for an empty cell).
    public var text: String {
        switch self {
        case .text(let t): t
        case .number(let n): String(n)
        case .empty: ""
        }
    }
}
