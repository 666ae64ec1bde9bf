/// Masks personal data (ID numbers, phone numbers) for logs, rejects and console views.
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

    /// Masks every run of 15 or more ID-like characters (digits, X) and every run of 11 digits in free text,
    /// such as a check's detail that quotes an 18-digit form.
    public static func text(_ value: String) -> String {
        var out = ""
        var run = ""
        func flush() {
            if run.count >= 15 { out += idNumber(run) } else if run.count == 11, run.allSatisfy(\.isNumber) { out += phone(run) } else { out += run }
            run = ""
        }
        for c in value {
            if c.isASCII, c.isNumber || c == "X" || c == "x" { run.append(c) } else { flush(); out.append(c) }
        }
        flush()
        return out
    }
}
