/// Cells of files meant for Excel (rejects files, offline packages' records), defused against formula injection as
/// OWASP's CSV-injection guidance describes: a text that Excel would read as a formula gets a `'` in front.
///
/// The rule, reversible: a cell whose text begins, after any `'` it already begins with, with `=`, `+`, `-`, `@`, a tab
/// or a carriage return gets one more `'` in front; a plain decimal number (`-5`, `-0.50`) is left as it is, since
/// Excel reads it as a number and nothing in it can run. `recovered(_:)` takes that `'` away again.
public enum SpreadsheetCell {
    /// The text as written into a cell: with a `'` in front when Excel would take it for a formula.
    public static func defused(_ text: String) -> String {
        guard let first = text.utf8.first(where: { $0 != apostrophe }), triggers.contains(first), !isPlainNumber(text) else {
            return text
        }
        return "'" + text
    }

    /// The text as it was before `defused(_:)`: a cell's `'` taken away when sgw put it there.
    public static func recovered(_ cell: String) -> String {
        guard cell.utf8.first == apostrophe, let first = cell.utf8.first(where: { $0 != apostrophe }), triggers.contains(first) else {
            return cell
        }
        return String(cell.dropFirst())
    }

    /// `=`, `+`, `-`, `@`, tab, carriage return.
    static let triggers: Set<UInt8> = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D]
    static let apostrophe = UInt8(ascii: "'")

    /// `-` or nothing, digits, and a `.` with digits after it: a number and nothing more.
    static func isPlainNumber(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        let parts = bytes.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.count <= 2 else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
    }
}
