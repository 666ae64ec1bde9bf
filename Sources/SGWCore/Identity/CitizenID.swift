/// The citizen identity number (公民身份号码), GB 11643-1999: 6-digit region, 8-digit birth date, 3-digit sequence
/// and a check character mod 11. Legacy 15-digit numbers (6 region, 6 birth date YYMMDD, 3 sequence) are
/// recognised and reported as legacy: they are not valid for new records.
public enum CitizenID {
    // The tables below are functions, not lazily made globals: a global costs a `swift_once` call at each use, and
    // every record mapped checks its ID numbers (docs/benchmarks.md, Mapping).

    /// Whether `code` is a province-level code of GB/T 2260, or 71 (Taiwan), 81/82 (Hong Kong, Macao) or 83
    /// (residence permits of Taiwan residents); numbers of foreigners' permanent residence cards start with 9.
    static func isProvince(_ code: Int) -> Bool {
        switch code {
        case 11...15, 21...23, 31...37, 41...46, 50...54, 61...65, 71, 81...83: true
        default: false
        }
    }

    /// The weighted sum of the first 17 digits mod 11. The weights of GB 11643 (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7,
    /// 9, 10, 5, 8, 4, 2) are 2^(17−i) mod 11, so the sum is twice the digits taken by Horner's rule.
    @inline(__always)
    static func weightedSum(_ digit: (Int) -> Int) -> Int {
        var sum = 0
        for i in 0..<17 { sum = sum &* 2 &+ digit(i) }
        return 2 * sum % 11
    }

    /// The check character for a weighted sum: `10X98765432`[sum].
    static func checkCharacter(sum: Int) -> UInt8 {
        switch sum {
        case 0: UInt8(ascii: "1")
        case 1: UInt8(ascii: "0")
        case 2: UInt8(ascii: "X")
        default: UInt8(0x30 + 12 - sum)
        }
    }

    /// Checks `raw` after trimming and upper-casing it (a lower-case x becomes X). A birth date after `today`
    /// (default: today in Asia/Shanghai) is invalid.
    public static func check(_ raw: some StringProtocol, today: LocalDate? = nil) -> IdentityCheck {
        // As in `USCC.check`: a valid number written as it should be is decided on the string's own bytes.
        if raw.utf8.withContiguousStorageIfAvailable({ isValidAsGiven($0, today: today) }) == true { return .ok(String(raw)) }
        return fullCheck(raw, today: today)
    }

    /// The check of any input: normalized, then each rule in turn, the first that fails named.
    static func fullCheck(_ raw: some StringProtocol, today: LocalDate?) -> IdentityCheck {
        let bytes = IdentityInput.normalize(raw)
        let value = String(decoding: bytes, as: UTF8.self)
        if bytes.isEmpty { return .invalid(value, "empty", "no value") }
        let count = bytes.allSatisfy({ $0 < 0x80 }) ? bytes.count : value.count
        guard count == 18 || count == 15 else {
            return .invalid(value, "length", "\(count) characters, expected 18")
        }
        guard bytes.count == count else {
            return .invalid(value, "character", "\(IdentityInput.firstNonASCII(value)) is not allowed")
        }
        for i in 0..<(count == 18 ? 17 : 15) where !isDigit(bytes[i]) {
            return .invalid(value, "character", "\(IdentityInput.describe(Character(Unicode.Scalar(bytes[i])), at: i)) is not a digit")
        }
        if count == 18, !isDigit(bytes[17]), bytes[17] != UInt8(ascii: "X") {
            return .invalid(value, "character", "\(IdentityInput.describe(Character(Unicode.Scalar(bytes[17])), at: 17)) must be a digit or X")
        }
        let province = Int(bytes[0] - 0x30) * 10 + Int(bytes[1] - 0x30)
        guard isProvince(province) || bytes[0] == UInt8(ascii: "9") else {
            return .invalid(value, "region", "region code \(String(decoding: bytes[0..<6], as: UTF8.self)) names no province (\(province))")
        }
        let birthBytes = count == 18 ? Array(bytes[6..<14]) : Array("19".utf8) + Array(bytes[6..<12])
        // The messages say what is wrong with the birth date without writing it: it is personal data.
        guard let birth = LocalDate(year: ASCIIDigits.parse(birthBytes[0..<4])!, month: ASCIIDigits.parse(birthBytes[4..<6])!,
                                    day: ASCIIDigits.parse(birthBytes[6..<8])!) else {
            return .invalid(value, "birth-date", "its birth date (digits \(count == 18 ? "7–14" : "7–12")) is not a real date")
        }
        let today = today ?? ShanghaiTime.date(of: .now)
        guard birth.year >= 1900, birth <= today else {
            return .invalid(value, "birth-date", "its birth date is \(birth.year < 1900 ? "before 1900" : "in the future")")
        }
        if count == 15 {
            let upgraded = upgradeLegacy(bytes)
            return .invalid(value, "legacy", "legacy 15-digit number, not valid for new records; its 18-digit form is \(upgraded)")
        }
        let expected = checkCharacter(bytes[0..<17])
        guard bytes[17] == expected else {
            return .invalid(value, "check-character", "expected \(Character(Unicode.Scalar(expected))), found \(Character(Unicode.Scalar(bytes[17])))")
        }
        return .ok(value)
    }

    /// Whether `bytes` are a valid 18-digit number as they are (an upper-case X, nothing to trim). False sends the
    /// value through the full check, which normalizes it and says what is wrong.
    static func isValidAsGiven(_ bytes: UnsafeBufferPointer<UInt8>, today: LocalDate?) -> Bool {
        guard bytes.count == 18 else { return false }
        for i in 0..<17 where !isDigit(bytes[i]) { return false }
        guard bytes[17] == checkCharacter(sum: weightedSum { Int(bytes[$0] &- 0x30) }) else { return false }
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + Int(bytes[$1] - 0x30) } }
        guard isProvince(number(0..<2)) || bytes[0] == UInt8(ascii: "9"),
              let birth = LocalDate(year: number(6..<10), month: number(10..<12), day: number(12..<14)), birth.year >= 1900
        else { return false }
        return birth <= today ?? todayInShanghai(after: birth)
    }

    /// The day this process started, in Asia/Shanghai.
    static let startDay = ShanghaiTime.date(of: .now)

    /// Today in Asia/Shanghai, for a check against `birth`: a birth on or before the day this process started is in
    /// the past whatever today is, and the start day is enough to tell, without reading the clock and working out
    /// today's date for every ID number checked.
    static func todayInShanghai(after birth: LocalDate) -> LocalDate {
        birth <= startDay ? startDay : ShanghaiTime.date(of: .now)
    }

    /// The birth date inside a valid 18-digit number.
    public static func birthDate(of number: String) -> LocalDate? {
        let b = Array(number.utf8)
        guard b.count == 18, let y = ASCIIDigits.parse(b[6..<10]), let m = ASCIIDigits.parse(b[10..<12]),
              let d = ASCIIDigits.parse(b[12..<14]) else { return nil }
        return LocalDate(year: y, month: m, day: d)
    }

    /// The 18-digit form of a legacy 15-digit number: `19` inserted before the birth year, and a check character.
    static func upgradeLegacy(_ fifteen: [UInt8]) -> String {
        let body = Array(fifteen[0..<6]) + Array("19".utf8) + Array(fifteen[6..<15])
        return String(decoding: body + [checkCharacter(body[0..<17])], as: UTF8.self)
    }

    static func checkCharacter(_ digits: ArraySlice<UInt8>) -> UInt8 {
        checkCharacter(sum: weightedSum { Int(digits[digits.startIndex + $0] &- 0x30) })
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
}
