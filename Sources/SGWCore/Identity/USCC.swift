/// The unified social credit code (统一社会信用代码) of an organisation, GB 32100-2015.
///
/// 18 characters from `0123456789ABCDEFGHJKLMNPQRTUWXY`: registering authority, entity kind, 6-digit region,
/// the 9-character organisation code (GB 11714, with its own check character) and a check character mod 31.
public enum USCC {
    /// The 31 characters of the code, in value order.
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".utf8)
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (i, c) in alphabet.enumerated() { table[Int(c)] = Int8(i) }
        return table
    }()

    /// Checks `raw` after trimming and upper-casing it.
    public static func check(_ raw: some StringProtocol) -> IdentityCheck {
        // Mapping a record checks the same code up to three times (the mapping's check, the message's rules, its
        // derived credit record); the common case, a valid code written as it should be, is decided on the
        // string's own bytes. The copies the full check makes were 5% of mapping a file.
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
        var sum = 0
        for i in 0..<17 {
            let v = values[Int(bytes[i])]
            guard v >= 0 else {
                return .invalid(value, "character", "\(IdentityInput.describe(Character(Unicode.Scalar(bytes[i])), at: i)) is not allowed (I, O, S, V, Z and symbols never occur)")
            }
            sum += Int(v) * weights[i]
        }
        let expected = alphabet[(31 - sum % 31) % 31]
        guard values[Int(bytes[17])] >= 0 else {
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
        guard bytes.count == 18 else { return false }
        var sum = 0
        for i in 0..<17 {
            let v = values[Int(bytes[i])]
            guard v >= 0 else { return false }
            sum += Int(v) * weights[i]
        }
        return bytes[17] == alphabet[(31 - sum % 31) % 31] && OrganizationCode.failure(UnsafeBufferPointer(rebasing: bytes[8..<17])) == nil
    }

    /// The 9-character organisation code inside a valid USCC (positions 9–17).
    public static func organizationCode(of uscc: String) -> String? {
        let bytes = Array(uscc.utf8)
        guard bytes.count == 18 else { return nil }
        return String(decoding: bytes[8..<17], as: UTF8.self)
    }
}
