/// Which cell styles show numbers as dates: a date in XLSX is only a number (days since 1900) whose style's number
/// format is a date format, so the reader needs `xl/styles.xml` to tell 45549 the count from 45549 the day.
enum XLSXStyles {
    static let part = "xl/styles.xml"

    /// The built-in number formats that are dates or times (ECMA-376 18.8.30, with the East Asian ones 27–36, 50–58).
    static let builtInDateFormats: Set<Int> = Set(14...22).union(27...36).union(45...47).union(50...58)

    /// The indexes into `cellXfs` (a cell's `s`) whose number format is a date; empty when there is no styles part.
    static func dateStyles(in package: XLSXPackage) throws(FormatError) -> Set<Int> {
        guard package.contains(part) else { return [] }
        let handler = StylesHandler()
        try package.parse(part, limit: 64 << 20, handler: handler)
        var styles: Set<Int> = []
        for (index, formatID) in handler.cellFormats.enumerated() {
            // A custom format defined with a built-in's number replaces it.
            let isDate = handler.customFormats[formatID].map(isDateFormat) ?? builtInDateFormats.contains(formatID)
            if isDate { styles.insert(index) }
        }
        return styles
    }

    /// Whether a format code shows a date or time: it has a `y`, `m`, `d`, `h` or `s` outside quoted text
    /// (`"年"`), brackets (`[Red]`, `[$-804]`) and escapes (`\d`, `_)`, `*-`). `General` has none of them.
    static func isDateFormat(_ code: String) -> Bool {
        var quoted = false
        var bracketed = false
        var escaped = false
        for character in code.unicodeScalars {
            if escaped { escaped = false; continue }
            if quoted { if character == "\"" { quoted = false }; continue }
            if bracketed { if character == "]" { bracketed = false }; continue }
            switch character {
            case "\"": quoted = true
            case "[": bracketed = true
            case "\\", "_", "*": escaped = true
            case "y", "Y", "m", "M", "d", "D", "h", "H", "s", "S": return true
            default: continue
            }
        }
        return false
    }
}

/// Collects the custom number formats (`<numFmts><numFmt numFmtId= formatCode=>`) and each cell format's number
/// format (`<cellXfs><xf numFmtId=>`, in order: a cell's `s` is a position in this list). The `<xf>` of
/// `cellStyleXfs` are another list and are skipped.
private final class StylesHandler: XMLSAXHandler {
    private var stack: [Bool] = []  // whether each open element is `cellXfs`
    var customFormats: [Int: String] = [:]
    var cellFormats: [Int] = []

    func startElement(_ element: XMLElementStart, line: Int) throws(FormatError) {
        if element.hasLocalName("numFmt"), let id = element.attribute("numFmtId").flatMap({ Int($0) }) {
            customFormats[id] = element.attribute("formatCode") ?? ""
        } else if element.hasLocalName("xf"), stack.last == true {
            cellFormats.append(element.attribute("numFmtId").flatMap { Int($0) } ?? 0)
        }
        stack.append(element.hasLocalName("cellXfs"))
    }

    func endElement() throws(FormatError) { stack.removeLast() }
    func text(_ bytes: UnsafeBufferPointer<UInt8>) throws(FormatError) {}
}
