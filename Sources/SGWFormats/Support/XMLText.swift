/// Text clean-up shared by the XML and XLSX readers.
enum XMLText {
    /// `bytes` (UTF-8, as libxml2 hands out all text) as a string without surrounding whitespace. Whitespace is
    /// Unicode's: the ideographic space U+3000 that Chinese forms pad with goes too.
    static func trimmed(_ bytes: [UInt8]) -> String { trimmed(String(decoding: bytes, as: UTF8.self)) }

    /// `text` without surrounding whitespace.
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return text }
        return String(scalars[first...last])
    }
}
