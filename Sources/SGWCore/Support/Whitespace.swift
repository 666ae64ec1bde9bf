/// Trimming, in one place for every reader and transform: Unicode's White_Space (so the ideographic space U+3000
/// that Chinese forms pad with, and the no-break space, go too) plus the byte-order mark U+FEFF that spreadsheets
/// leave before a first header.
public enum Whitespace {
    /// Whether `u` is trimmed. White_Space is a fixed list of 25 code points (PropList.txt, unchanged since Unicode
    /// 6.3), written out here: asking the scalar's properties looked up a table for every Chinese first and last
    /// character, 5% of mapping a record.
    @inline(__always)
    public static func isSpace(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: true
        default: false
        }
    }

    /// Whether `text` is empty or only white space.
    public static func isBlank(_ text: String) -> Bool { text.unicodeScalars.allSatisfy(isSpace) }

    /// `text` without leading and trailing white space. Most values need nothing, and the first and last scalars
    /// tell, so that case costs two checks.
    public static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return text }
        if !isSpace(first) && !isSpace(last) { return text }
        guard let start = scalars.firstIndex(where: { !isSpace($0) }), let end = scalars.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(scalars[start...end])
    }
}
