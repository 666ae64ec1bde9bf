/// Text for a spreadsheet cell (CSV or XLSX): a value that begins like a formula (`=`, `+`, `-`, `@`, a tab or a
/// carriage return) gets a leading apostrophe, so that a department name or message id never runs as a formula in
/// Excel or LibreOffice. Numbers are written as numbers, never through here.
enum SpreadsheetText {
    static func defused(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
        return "'" + text
    }

    /// XML text, without the control characters XML 1.0 cannot hold.
    static func xml(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default: if scalar.value >= 0x20 { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
