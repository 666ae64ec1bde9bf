public import Foundation

/// Instants as the rules count them: in China Standard Time (Asia/Shanghai).
///
/// Asia/Shanghai has been UTC+08:00 all year since 1991 (no daylight saving), so a fixed offset is exact for every
/// date sgw handles and needs no time-zone database.
public enum ShanghaiTime {
    /// +08:00 in seconds.
    public static let offsetSeconds = 8 * 3600

    /// The calendar date in Shanghai at `instant`.
    public static func date(of instant: Date) -> LocalDate {
        let local = Int((instant.timeIntervalSince1970).rounded(.down)) + offsetSeconds
        return LocalDate(dayNumber: local.floorDiv(86_400))
    }

    /// The instant at `hour:minute:second` Shanghai time on `date`.
    public static func instant(on date: LocalDate, hour: Int = 0, minute: Int = 0, second: Int = 0) -> Date {
        let seconds = date.dayNumber * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// 23:59:59 Shanghai time on `date`: the end of a day as deadlines use it.
    public static func endOfDay(_ date: LocalDate) -> Date { instant(on: date, hour: 23, minute: 59, second: 59) }

    /// ISO 8601 in +08:00, whole seconds: `2026-10-10T23:59:59+08:00`.
    public static func format(_ instant: Date) -> String {
        let local = Int((instant.timeIntervalSince1970).rounded(.down)) + offsetSeconds
        var out = dateAndTime(secondsSince1970: local)
        out.append(contentsOf: "+08:00".utf8)
        return String(decoding: out, as: UTF8.self)
    }

    /// ISO 8601 in UTC with milliseconds, `2026-10-10T15:59:59.123Z`: for logs and records read by machines.
    public static func utcTimestamp(_ instant: Date) -> String {
        let milliseconds = Int((instant.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = milliseconds.floorDiv(1000)
        var out = dateAndTime(secondsSince1970: seconds)
        out.append(UInt8(ascii: "."))
        ASCIIDigits.append(milliseconds - seconds * 1000, width: 3, to: &out)
        out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }

    /// `YYYY-MM-DDTHH:MM:SS` of a count of seconds since 1970-01-01T00:00 in the wanted zone.
    private static func dateAndTime(secondsSince1970 seconds: Int) -> [UInt8] {
        let day = seconds.floorDiv(86_400)
        let secondOfDay = seconds - day * 86_400
        var out = Array(LocalDate(dayNumber: day).description.utf8)
        out.append(UInt8(ascii: "T"))
        ASCIIDigits.append(secondOfDay / 3600, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        ASCIIDigits.append(secondOfDay / 60 % 60, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        ASCIIDigits.append(secondOfDay % 60, width: 2, to: &out)
        return out
    }

    /// Parses an instant: `YYYY-MM-DD` (midnight in Shanghai), or `YYYY-MM-DDTHH:MM[:SS[.fff]]` with `T` or a
    /// space, followed by `Z`, `±HH:MM`, `±HHMM`, `±HH`, or nothing (Shanghai time). Nil for anything else.
    public static func parseInstant(_ text: String) -> Date? {
        let b = Array(text.utf8)
        guard b.count >= 10, let date = LocalDate(String(decoding: b[0..<10], as: UTF8.self)) else { return nil }
        if b.count == 10 { return instant(on: date) }
        guard b.count >= 16, b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " "), b[13] == UInt8(ascii: ":"),
              let hour = ASCIIDigits.parse(b[11..<13]), let minute = ASCIIDigits.parse(b[14..<16]),
              hour < 24, minute < 60 else { return nil }
        var i = 16
        var second = 0
        var fraction = 0.0
        if i < b.count, b[i] == UInt8(ascii: ":") {
            guard i + 3 <= b.count, let s = ASCIIDigits.parse(b[(i + 1)..<(i + 3)]), s < 60 else { return nil }
            second = s
            i += 3
            if i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") {
                var j = i + 1
                var scale = 0.1
                while j < b.count, b[j] >= 0x30, b[j] <= 0x39 {
                    fraction += Double(b[j] - 0x30) * scale
                    scale /= 10
                    j += 1
                }
                guard j > i + 1 else { return nil }
                i = j
            }
        }
        var offset = offsetSeconds
        if i < b.count {
            let sign = b[i]
            if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") {
                guard i + 1 == b.count else { return nil }
                offset = 0
            } else if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                let rest = b[(i + 1)...].filter { $0 != UInt8(ascii: ":") }
                guard rest.count == 2 || rest.count == 4, let hh = ASCIIDigits.parse(rest.prefix(2)), hh <= 14 else {
                    return nil
                }
                let mm = rest.count == 4 ? (ASCIIDigits.parse(rest.suffix(2)) ?? 99) : 0
                guard mm < 60 else { return nil }
                offset = (hh * 3600 + mm * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
            } else {
                return nil
            }
        }
        let local = date.dayNumber * 86_400 + hour * 3600 + minute * 60 + second
        return Date(timeIntervalSince1970: TimeInterval(local - offset) + fraction)
    }
}

extension Int {
    /// Division rounding toward negative infinity, for days before 1970.
    func floorDiv(_ d: Int) -> Int {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}
