/// Masks personal data (ID numbers of natural persons, phone numbers) for logs, rejects and console views.
///
/// Two ways, both narrow: by what a field is (`personalMembers(inJSON:)`, the canonical fields that hold personal
/// data), and in free text by patterns that match whole tokens only (`text(_:)`): a USCC, a licence number or any
/// other longer code is an organisation's or a document's, never masked.
public enum Masking {
    /// `110105********002X`: the region and the last four kept, the birth date and sequence hidden. A 15-digit number
    /// keeps its last three (`370306******029`): its birth date ends at the fourth-last digit.
    public static func idNumber(_ value: String) -> String {
        let chars = Array(value)
        guard chars.count >= 10 else { return String(repeating: "*", count: chars.count) }
        let kept = chars.count == 15 ? 3 : 4
        return String(chars.prefix(6)) + String(repeating: "*", count: chars.count - 6 - kept) + String(chars.suffix(kept))
    }

    /// `138****5678`: the first three and last four digits kept.
    public static func phone(_ value: String) -> String {
        let chars = Array(value)
        guard chars.count >= 8 else { return String(repeating: "*", count: chars.count) }
        return String(chars.prefix(3)) + String(repeating: "*", count: chars.count - 7) + String(chars.suffix(4))
    }

    /// Masks the ID numbers and mobile numbers in free text (a check's detail, a platform's answer, an envelope key).
    ///
    /// A token is a run of ASCII letters and digits; anything else (a space, a hyphen, `+`, a Chinese character) ends
    /// it. Up to four tokens joined by single spaces or hyphens are read as one number (`138 1234 5678`,
    /// `370306 19750101 001X`). Masked: 11 digits of a mobile number (`1[3-9]…`, also after `86`/`0086`), and 15 to
    /// 18 characters of an ID number (digits, a last `X`) whose birth date is a date. Never a part of a token:
    /// `91110000600037341L` (a USCC) and `危险370306202400721` (a licence number: no birth date) stay as they are.
    public static func text(_ value: String) -> String {
        let s = Array(value.unicodeScalars)
        guard s.contains(where: isDigit) else { return value }
        var out = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            guard isToken(s[i]) else { out.append(s[i]); i += 1; continue }
            // The tokens that may form one number from here: (start, end) of each.
            var tokens: [(Int, Int)] = []
            var j = i
            while tokens.count < 4 {
                var end = j
                while end < s.count, isToken(s[end]) { end += 1 }
                tokens.append((j, end))
                guard end + 1 < s.count, s[end] == " " || s[end] == "-", isToken(s[end + 1]) else { break }
                j = end + 1
            }
            var matched = false
            for k in stride(from: tokens.count, through: 1, by: -1) {
                let span = tokens[0].0..<tokens[k - 1].1
                let chars = tokens[..<k].flatMap { s[$0.0..<$0.1] }
                guard let masked = masked(chars) else { continue }
                var m = masked.makeIterator()
                for c in s[span] { out.append(isToken(c) ? m.next()! : c) }
                i = span.upperBound
                matched = true
                break
            }
            if !matched {
                out.append(contentsOf: s[tokens[0].0..<tokens[0].1])
                i = tokens[0].1
            }
        }
        return String(out)
    }

    /// The masked characters when `chars` (the characters of up to four tokens) are a phone or an ID number.
    static func masked(_ chars: [Unicode.Scalar]) -> [Unicode.Scalar]? {
        let digits = chars.dropLast().allSatisfy(isDigit)
        guard digits, let last = chars.last else { return nil }
        let text = String(String.UnicodeScalarView(chars))
        if isDigit(last) {
            for prefix in ["", "86", "0086"] where chars.count == 11 + prefix.count && text.hasPrefix(prefix) {
                let number = chars.dropFirst(prefix.count)
                let second = number[number.startIndex + 1]
                if number.first == "1", second.value >= 0x33, second.value <= 0x39 {
                    return Array((prefix + phone(String(String.UnicodeScalarView(number)))).unicodeScalars)
                }
            }
        }
        guard isDigit(last) || last == "X" || last == "x", (15...18).contains(chars.count) else { return nil }
        let birth = chars.count == 15 ? "19" + digitsText(chars, 6..<12) : digitsText(chars, 6..<14)
        guard isBirthDate(birth) else { return nil }
        return Array(idNumber(text).unicodeScalars)
    }

    /// `YYYYMMDD` with a year from 1900 on, a month and a day that can be.
    static func isBirthDate(_ d: String) -> Bool {
        guard d.count == 8, let year = Int(d.prefix(4)), let month = Int(d.dropFirst(4).prefix(2)), let day = Int(d.suffix(2)) else {
            return false
        }
        return (1900...2099).contains(year) && (1...12).contains(month) && (1...31).contains(day)
    }

    static func digitsText(_ chars: [Unicode.Scalar], _ range: Range<Int>) -> String {
        String(String.UnicodeScalarView(chars[range]))
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }

    static func isToken(_ c: Unicode.Scalar) -> Bool {
        isDigit(c) || (c.value >= 0x41 && c.value <= 0x5A) || (c.value >= 0x61 && c.value <= 0x7A)
    }
}
