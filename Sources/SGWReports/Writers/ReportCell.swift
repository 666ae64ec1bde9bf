/// A cell of a report's spreadsheet forms (CSV, XLSX): a number stays a number.
public enum ReportCell: Sendable, Hashable {
    case text(String)
    case number(Int)
    case empty

    /// The cell as CSV or display text.
    public var text: String {
        switch self {
        case .text(let t): t
        case .number(let n): String(n)
        case .empty: ""
        }
    }
}
