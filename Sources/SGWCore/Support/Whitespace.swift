/// Trimming, in one place for every reader and transform: Unicode's White_Space (so the ideographic space U+3000
/// that Chinese forms pad with, and the no-break space, go too) plus the byte-order mark U+FEFF that spreadsheets
/// leave before a first header.
public enum Whitespace {
    /// Whether `u` is trimmed.
    @inline(__always)
    public static func isSpace(_ u: Unicode.Scalar) -> Bool {
        u.value == 0x20 || (0x09...0x0D).contains(u.value) || (u.value >= 0x80 && (u.value == 0xFEFF || u.properties.isWhitespace))
    }

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
