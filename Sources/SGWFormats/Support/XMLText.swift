import SGWCore

/// Text clean-up shared by the XML and XLSX readers.
enum XMLText {
    /// `bytes` (UTF-8, as libxml2 hands out all text) as a string without surrounding whitespace. Whitespace is
    /// Unicode's: the ideographic space U+3000 that Chinese forms pad with goes too.
    static func trimmed(_ bytes: ArraySlice<UInt8>) -> String {
        // ASCII whitespace is trimmed on the bytes; only an edge that might be a non-ASCII space (lead bytes C2,
        // E1, E2, E3: U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000) needs the Unicode check, which is slow.
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, isASCIISpace(bytes[start]) { start += 1 }
        while end > start, isASCIISpace(bytes[end - 1]) { end -= 1 }
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        guard start < end else { return text }
        var last = end - 1
        while last > start, bytes[last] & 0xC0 == 0x80 { last -= 1 }  // back to the last character's lead byte
        return mayBeSpace(bytes[start]) || mayBeSpace(bytes[last]) ? trimmed(text) : text
    }

    /// `text` without surrounding whitespace (`Whitespace.trimmed`).
    static func trimmed(_ text: String) -> String { Whitespace.trimmed(text) }

    private static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    private static func mayBeSpace(_ lead: UInt8) -> Bool {
        lead == 0xC2 || (0xE1...0xE3).contains(lead)
    }
}
