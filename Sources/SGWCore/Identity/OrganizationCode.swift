/// The organisation code (组织机构代码), GB 11714-1997: 8 digits or capital letters and a check character.
/// It stands alone in old records (XK_XDR_ZZJG) and inside every USCC at positions 9–17.
public enum OrganizationCode {
    /// Checks a stand-alone organisation code, `XXXXXXXX-C` or `XXXXXXXXC`, after trimming and upper-casing.
    public static func check(_ raw: some StringProtocol) -> IdentityCheck {
        var bytes = IdentityInput.normalize(raw)
        if bytes.count == 10, bytes[8] == UInt8(ascii: "-") { bytes.remove(at: 8) }
        let value = String(decoding: bytes, as: UTF8.self)
        if bytes.isEmpty { return .invalid(value, "empty", "no value") }
        guard value.count == 9 else { return .invalid(value, "length", "\(value.count) characters, expected 9") }
        guard bytes.count == 9 else {
            return .invalid(value, "character", "\(IdentityInput.firstNonASCII(value)) is not allowed")
        }
        if let failure = failure(bytes) {
            return .invalid(value, failure.hasPrefix("check") ? "check-character" : "character", failure)
        }
        return .ok(value)
    }

    /// Why 9 bytes are not a valid organisation code, or nil.
    static func failure<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> String? where Bytes.Index == Int {
        // The weights of GB 11714 (3, 7, 9, 10, 5, 8, 4, 2) are 2^(8−i) mod 11: the sum is twice the characters'
        // values taken by Horner's rule, with no table (a lazily made global costs a `swift_once` call at each use).
        var sum = 0
        let start = bytes.startIndex  // a slice of a longer code (the USCC's bytes 8…16) is not indexed from 0
        for i in 0..<8 {
            let b = bytes[start + i]
            let v: Int
            switch b {
            case 0x30...0x39: v = Int(b - 0x30)
            case 0x41...0x5A: v = Int(b - 0x41) + 10
            default: return "character \(IdentityInput.describe(Character(Unicode.Scalar(b)), at: i)) is not allowed"
            }
            sum = sum &* 2 &+ v
        }
        let c = 11 - 2 * sum % 11
        let expected: UInt8 = c == 10 ? UInt8(ascii: "X") : c == 11 ? UInt8(ascii: "0") : UInt8(0x30 + c)
        guard bytes[start + 8] == expected else {
            return "check character: expected \(Character(Unicode.Scalar(expected))), found \(String(decoding: [bytes[start + 8]], as: UTF8.self))"
        }
        return nil
    }
}
