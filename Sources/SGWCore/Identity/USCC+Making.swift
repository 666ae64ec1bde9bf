/// Making valid codes, for the simulator's generated source records and for tests: the check characters computed
/// by the same rules `check` verifies.
extension USCC {
    /// The code made of `prefix` (registering authority and entity kind, `91`), a 6-digit `region` and the 8
    /// characters of an organisation code before its check character (digits and capital letters), with both check
    /// characters computed; nil when a part does not fit.
    public static func make(prefix: String = "91", region: String, organisation: String) -> String? {
        let org = Array(organisation.utf8)
        guard prefix.utf8.count == 2, region.utf8.count == 6, org.count == 8,
              org.allSatisfy({ (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) }) else { return nil }
        var sum = 0
        for b in org { sum = sum * 2 + (b <= 0x39 ? Int(b - 0x30) : Int(b - 0x41) + 10) }
        let c = 11 - 2 * sum % 11
        let orgCheck: UInt8 = c == 10 ? UInt8(ascii: "X") : c == 11 ? UInt8(ascii: "0") : UInt8(0x30 + c)
        let body = Array(prefix.utf8) + Array(region.utf8) + org + [orgCheck]
        guard let total = weightedSum({ body[$0] }) else { return nil }
        return String(decoding: body + [alphabet[(31 - total) % 31]], as: UTF8.self)
    }
}
