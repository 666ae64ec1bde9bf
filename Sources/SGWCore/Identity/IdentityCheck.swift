/// The outcome of checking an identity code: the normalized value, or why it is not valid.
public struct IdentityCheck: Sendable, Hashable {
    /// Why a code is not valid, with a stable code for rejects files and metrics.
    public struct Failure: Sendable, Hashable, CustomStringConvertible {
        /// A stable reason code: `empty`, `length`, `character`, `check-character`, `organization-code`,
        /// `region`, `birth-date`, `legacy`.
        public var reason: String
        /// The reason in plain words.
        public var detail: String

        public var description: String { "\(reason): \(detail)" }
    }

    /// The value trimmed and upper-cased.
    public var normalized: String
    /// Nil when valid.
    public var failure: Failure?

    /// Whether the code is valid for a new record.
    public var isValid: Bool { failure == nil }

    static func ok(_ value: String) -> IdentityCheck { IdentityCheck(normalized: value, failure: nil) }

    static func invalid(_ value: String, _ reason: String, _ detail: String) -> IdentityCheck {
        IdentityCheck(normalized: value, failure: Failure(reason: reason, detail: detail))
    }
}

/// Shared normalization: trim white space (ASCII and the ideographic space) and upper-case ASCII letters.
enum IdentityInput {
    static func normalize(_ raw: some StringProtocol) -> [UInt8] {
        var bytes = Array(raw.utf8)
        // Fast path: plain ASCII upper-case letters and digits need nothing.
        if bytes.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) }) { return bytes }
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
        // U+3000 IDEOGRAPHIC SPACE is E3 80 80 in UTF-8; full-width spaces are common in Chinese spreadsheets.
        func trimIdeographic(_ bytes: inout [UInt8], atEnd: Bool) -> Bool {
            guard bytes.count >= 3 else { return false }
            let r = atEnd ? (bytes.count - 3)..<bytes.count : 0..<3
            guard Array(bytes[r]) == [0xE3, 0x80, 0x80] else { return false }
            bytes.removeSubrange(r)
            return true
        }
        while true {
            if let f = bytes.first, isSpace(f) { bytes.removeFirst(); continue }
            if let l = bytes.last, isSpace(l) { bytes.removeLast(); continue }
            if trimIdeographic(&bytes, atEnd: false) || trimIdeographic(&bytes, atEnd: true) { continue }
            break
        }
        for i in bytes.indices where bytes[i] >= 0x61 && bytes[i] <= 0x7A { bytes[i] -= 0x20 }
        return bytes
    }

    /// `'X' at position N`, or `U+XXXX at position N` for characters that would not print.
    static func describe(_ c: Character, at index: Int) -> String {
        let printable = c.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F && $0.value != 0xFFFD }
        let shown = printable ? "'\(c)'" : c.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true) }.joined(separator: " ")
        return "\(shown) at position \(index + 1)"
    }

    /// The first character of `value` that is not a single ASCII byte, described.
    static func firstNonASCII(_ value: String) -> String {
        for (i, c) in value.enumerated() where !(c.isASCII && c.utf8.count == 1) { return describe(c, at: i) }
        return "a character"
    }
}
