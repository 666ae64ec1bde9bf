/// The one rule for characters no record field should hold, applied to every source value a mapping reads, in every
/// format: invisible format characters are removed, control characters reject the value.
///
/// - Removed: the zero-width space, non-joiner and joiner (U+200B, U+200C, U+200D), the word joiner (U+2060) and the
///   byte-order mark (U+FEFF) anywhere in a value. They show as nothing, so `区卫生健康局` with one after it is the
///   same name to whoever reads it, and must be to sgw (routing, keys, code tables).
/// - Rejected: the C0 controls but tab, line feed and carriage return (U+0000–U+0008, U+000B, U+000C,
///   U+000E–U+001F), DEL (U+007F) and the C1 controls (U+0080–U+009F, but U+0085, a line end). A NUL in a value is a
///   damaged export (UTF-16 read as UTF-8, a binary column), not a character the sender typed.
public enum SourceText {
    /// What is wrong with a value: the first control character and its position (1-based, in characters).
    public struct ControlCharacter: Sendable, Hashable {
        /// The character.
        public var scalar: Unicode.Scalar
        /// Its position in the value, counted in Unicode scalars from 1.
        public var position: Int

        /// `U+0000 (a control character) at character 5`.
        public var description: String {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + " (a control character) at character \(position)"
        }
    }

    /// `value` cleaned by the rule: invisible characters removed; `.failure` with the first control character.
    public static func cleaned(_ value: String) -> Result<String, ControlCharacterFound> {
        if isClean(value) { return .success(value) }
        var out = String.UnicodeScalarView()
        for (i, u) in value.unicodeScalars.enumerated() {
            if isControl(u) { return .failure(ControlCharacterFound(ControlCharacter(scalar: u, position: i + 1))) }
            if !isInvisible(u) { out.append(u) }
        }
        return .success(String(out))
    }

    /// Source field `field`'s `value` as a mapping reads it: cleaned by the rule; a control character adds a
    /// `control-character` rejection and is left out, so that no other check reports the field empty or wrong.
    public static func read(_ value: String, field: String, rejections: inout [Rejection]) -> String {
        switch cleaned(value) {
        case .success(let text): return text
        case .failure(let found):
            rejections.append(Rejection(code: .controlCharacter, field: field, message: "source field '\(field)' holds \(found.character.description)"))
            return String(String.UnicodeScalarView(value.unicodeScalars.filter { !isControl($0) && !isInvisible($0) }))
        }
    }

    /// A name as routes and lookups compare it: invisible characters removed, white space trimmed.
    public static func name(_ value: String) -> String {
        let stripped = isClean(value) ? value : String(String.UnicodeScalarView(value.unicodeScalars.filter { !isInvisible($0) }))
        return Whitespace.trimmed(stripped)
    }

    /// Whether `value` holds nothing the rule touches. Byte by byte: a control is a byte below 0x20 or 0x7F, or C2 80–9F;
    /// the invisible ones start with E2 80 or E2 81, or EF BB; anything else is passed over at once.
    @inline(__always)
    public static func isClean(_ value: String) -> Bool {
        // Read in place, as `Whitespace` does; a bridged or lazy string (none from the readers) is read by scalar.
        value.utf8.withContiguousStorageIfAvailable { isClean(utf8: $0) }
            ?? !value.unicodeScalars.contains { isControl($0) || isInvisible($0) }
    }

    /// Eight bytes at a time: a word is looked at byte by byte only when one of its bytes is below 0x20, 0x7F, or a
    /// lead byte the rule cares about (C2, E2, EF). Every source value passes here, and most hold none.
    static func isClean(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let raw = UnsafeRawBufferPointer(bytes)
        var i = 0
        while i + 8 <= bytes.count {
            if mayHold(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)), !isClean(bytes, from: i, to: i + 8) { return false }
            i += 8
        }
        return isClean(bytes, from: i, to: bytes.count)
    }

    /// Whether any byte of `w` is below 0x20, 0x7F, C2, E2 or EF (exact: the usual has-zero-byte tests).
    @inline(__always)
    static func mayHold(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
        return (w &- ones &* 0x20) & ~w & highs != 0 || hasZero(w ^ (ones &* 0x7F)) || hasZero(w ^ (ones &* 0xC2))
            || hasZero(w ^ (ones &* 0xE2)) || hasZero(w ^ (ones &* 0xEF))
    }

    /// The rule for the characters starting at `from ..< to` (a character's later bytes may lie beyond `to`).
    static func isClean(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Bool {
        var i = from
        while i < to {
            let b = bytes[i]
            if b < 0x20 {
                if b != 0x09 && b != 0x0A && b != 0x0D { return false }
            } else if b == 0x7F {
                return false
            } else if b == 0xC2 || b == 0xE2 || b == 0xEF, i + 1 < bytes.count {
                let b1 = bytes[i + 1]
                if b == 0xC2 && b1 >= 0x80 && b1 <= 0x9F && b1 != 0x85 { return false }
                if i + 2 < bytes.count {
                    let b2 = bytes[i + 2]
                    if b == 0xE2 && ((b1 == 0x80 && b2 >= 0x8B && b2 <= 0x8D) || (b1 == 0x81 && b2 == 0xA0)) { return false }
                    if b == 0xEF && b1 == 0xBB && b2 == 0xBF { return false }
                }
            }
            i += 1
        }
        return true
    }

    /// A control character the rule rejects.
    public static func isControl(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x09, 0x0A, 0x0D, 0x85: false
        case 0x00...0x1F, 0x7F...0x9F: true
        default: false
        }
    }

    /// An invisible character the rule removes.
    public static func isInvisible(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x200B...0x200D, 0x2060, 0xFEFF: true
        default: false
        }
    }
}

/// The error of `SourceText.cleaned(_:)`: the value holds a control character.
public struct ControlCharacterFound: Error, Sendable, Hashable {
    /// The first one.
    public var character: SourceText.ControlCharacter

    /// The error for `character`.
    public init(_ character: SourceText.ControlCharacter) { self.character = character }
}
