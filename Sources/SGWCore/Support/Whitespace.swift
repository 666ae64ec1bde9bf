/// Trimming, in one place for every reader and transform: Unicode's White_Space (so the ideographic space U+3000
/// that Chinese forms pad with, and the no-break space, go too) plus the byte-order mark U+FEFF that spreadsheets
/// leave before a first header.
public enum Whitespace {
    /// Whether `u` is trimmed. White_Space is a fixed list of 25 code points (PropList.txt, unchanged since Unicode
    /// 6.3), written out here: asking the scalar's properties looks up a table for every Chinese first and last
    /// character.
    @inline(__always)
    public static func isSpace(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: true
        default: false
        }
    }

    /// Whether `text` is empty or only white space.
    public static func isBlank(_ text: String) -> Bool {
        guard let (first, _) = edgeBytes(text) else { return true }
        return mayStartSpace(first) && text.unicodeScalars.allSatisfy(isSpace)
    }

    /// `text` without leading and trailing white space. Most values need nothing, and their first and last bytes
    /// tell, so that case costs two byte checks instead of decoding the first and last scalars of every field.
    public static func trimmed(_ text: consuming String) -> String {
        guard let (firstByte, lastByte) = edgeBytes(text) else { return text }
        if !mayStartSpace(firstByte) && !mayEndSpace(lastByte) { return text }
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return text }
        if !isSpace(first) && !isSpace(last) { return text }
        guard let start = scalars.firstIndex(where: { !isSpace($0) }), let end = scalars.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(scalars[start...end])
    }

    /// The first and last UTF-8 bytes of `text`, nil when it is empty, read from the string's storage: the UTF-8
    /// view's `first` and `last` are calls that cost more than the checks they feed.
    @inline(__always)
    static func edgeBytes(_ text: String) -> (first: UInt8, last: UInt8)? {
        let edges = text.utf8.withContiguousStorageIfAvailable { $0.isEmpty ? nil : ($0[0], $0[$0.count - 1]) }
        if let edges { return edges }
        guard let first = text.utf8.first, let last = text.utf8.last else { return nil }
        return (first, last)
    }

    /// Whether a scalar starting with UTF-8 byte `b` can be white space: the ASCII ones, or the lead byte of
    /// U+0085 and U+00A0 (C2), U+1680 (E1), U+2000–U+205F (E2), U+3000 (E3), U+FEFF (EF).
    @inline(__always)
    static func mayStartSpace(_ b: UInt8) -> Bool {
        switch b {
        case 0x09...0x0D, 0x20, 0xC2, 0xE1, 0xE2, 0xE3, 0xEF: true
        default: false
        }
    }

    /// Whether a scalar ending with UTF-8 byte `b` can be white space: the ASCII ones, or the last byte of one of
    /// the others (85, A0; 80 for U+1680, U+2000 and U+3000; 81–8A, A8, A9, AF, 9F for U+2001–U+205F; BF for U+FEFF).
    @inline(__always)
    static func mayEndSpace(_ b: UInt8) -> Bool {
        switch b {
        case 0x09...0x0D, 0x20, 0x80...0x8A, 0x9F, 0xA0, 0xA8, 0xA9, 0xAF, 0xBF: true
        default: false
        }
    }
}
