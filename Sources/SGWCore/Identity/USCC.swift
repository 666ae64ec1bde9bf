/// The unified social credit code (统一社会信用代码) of an organisation, GB 32100-2015.
///
/// 18 characters from `0123456789ABCDEFGHJKLMNPQRTUWXY`: registering authority, entity kind, 6-digit region,
/// the 9-character organisation code (GB 11714, with its own check character) and a check character mod 31.
public enum USCC {
    /// The 31 characters of the code, in value order.
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".utf8)

    /// A character's value, its place in `alphabet`, or -1 for a character the code never holds. Computed, not
    /// looked up: a table in a lazily made global costs a `swift_once` call at each use, and every mapped record
    /// checks its codes.
    @inline(__always)
    static func value(of b: UInt8) -> Int {
        switch b {
        case 0x30...0x39: return Int(b &- 0x30)
        case 0x41...0x5A:
            // A–Z without I, O, S, V and Z: 10 and the number of allowed letters before it.
            let allowed: UInt32 = (1 << 26 - 1) & ~(1 << 8 | 1 << 14 | 1 << 18 | 1 << 21 | 1 << 25)
            let bit: UInt32 = 1 << (b &- 0x41)
            return allowed & bit == 0 ? -1 : 10 + (allowed & (bit &- 1)).nonzeroBitCount
        default: return -1
        }
    }

    /// The weighted sum of the first 17 characters' values mod 31, or nil when one is not allowed. The weights of
    /// GB 32100 are 3^i mod 31 (1, 3, 9, 27, 19, …), so the sum is taken by Horner's rule from the last character.
    @inline(__always)
    static func weightedSum(_ byte: (Int) -> UInt8) -> Int? {
        var sum = 0
        for i in (0..<17).reversed() {
            let v = value(of: byte(i))
            guard v >= 0 else { return nil }
            sum = sum &* 3 &+ v  // at most 30 · (3^17 − 1) / 2, far from overflowing
        }
        return sum % 31
    }

    /// Checks `raw` after trimming and upper-casing it.
    public static func check(_ raw: some StringProtocol) -> IdentityCheck {
        // Mapping a record checks the same code up to three times (the mapping's check, the message's rules, its
        // derived credit record); the common case, a valid code written as it should be, is decided on the
        // string's own bytes, without the copies the full check makes.
        if raw.utf8.withContiguousStorageIfAvailable(isValidAsGiven) == true { return .ok(String(raw)) }
        return fullCheck(raw)
    }

    /// The check of any input: normalized, then each rule in turn, the first that fails named.
    static func fullCheck(_ raw: some StringProtocol) -> IdentityCheck {
        let bytes = IdentityInput.normalize(raw)
        let value = String(decoding: bytes, as: UTF8.self)
        if bytes.isEmpty { return .invalid(value, "empty", "no value") }
        let count = bytes.allSatisfy({ $0 < 0x80 }) ? bytes.count : value.count
        guard count == 18 else { return .invalid(value, "length", "\(count) characters, expected 18") }
        guard bytes.count == 18 else {
            return .invalid(value, "character", "\(IdentityInput.firstNonASCII(value)) is not allowed")
        }
        guard let sum = weightedSum({ bytes[$0] }) else {
            let i = bytes.firstIndex { Self.value(of: $0) < 0 }!
            return .invalid(value, "character", "\(IdentityInput.describe(Character(Unicode.Scalar(bytes[i])), at: i)) is not allowed (I, O, S, V, Z and symbols never occur)")
        }
        let expected = alphabet[(31 - sum) % 31]
        guard Self.value(of: bytes[17]) >= 0 else {
            return .invalid(value, "character", "\(IdentityInput.describe(Character(Unicode.Scalar(bytes[17])), at: 17)) is not allowed")
        }
        guard bytes[17] == expected else {
            return .invalid(value, "check-character", "expected \(Character(Unicode.Scalar(expected))), found \(Character(Unicode.Scalar(bytes[17])))")
        }
        if let failure = OrganizationCode.failure(bytes[8..<17]) {
            return .invalid(value, "organization-code", "the organisation code \(String(decoding: bytes[8..<17], as: UTF8.self)) inside it is invalid: \(failure)")
        }
        return .ok(value)
    }

    /// Whether `bytes` are a valid code as they are: nothing to trim, nothing to upper-case. False sends the
    /// value through the full check, which normalizes it and says what is wrong.
    static func isValidAsGiven(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == 18, let sum = weightedSum({ bytes[$0] }) else { return false }
        return value(of: bytes[17]) == (31 - sum) % 31 && OrganizationCode.failure(UnsafeBufferPointer(rebasing: bytes[8..<17])) == nil
    }

    /// The 9-character organisation code inside a valid USCC (positions 9–17).
    public static func organizationCode(of uscc: String) -> String? {
        let bytes = Array(uscc.utf8)
        guard bytes.count == 18 else { return nil }
        return String(decoding: bytes[8..<17], as: UTF8.self)
    }
}
