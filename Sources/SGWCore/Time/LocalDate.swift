/// A calendar date with no time of day and no time zone: what a source means by "the day of the decision".
///
/// Stored as year, month and day; arithmetic goes through a day number (days since 1970-01-01) computed with
/// the proleptic Gregorian civil-calendar algorithm, so no `Calendar` or `DateFormatter` sits in hot paths.
public struct LocalDate: Hashable, Comparable, Sendable {
    /// The year, 1...9999.
    public let year: Int
    /// The month, 1...12.
    public let month: Int
    /// The day of the month, 1...31.
    public let day: Int

    /// A date, or nil when the day does not exist (2023-02-29, month 13).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= LocalDate.daysInMonth(year: year, month: month) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `dayNumber` days after 1970-01-01 (negative before it).
    public init(dayNumber: Int) {
        // Howard Hinnant's civil_from_days.
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// Days since 1970-01-01.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// ISO weekday: 1 Monday ... 7 Sunday.
    public var isoWeekday: Int {
        let n = (dayNumber + 3) % 7  // 1970-01-01 was a Thursday (ISO 4).
        return (n < 0 ? n + 7 : n) + 1
    }

    /// Saturday or Sunday.
    public var isWeekend: Bool { isoWeekday >= 6 }

    /// The date `days` days later (earlier when negative).
    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    /// The number of days in a month of a year.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Gregorian leap-year rule.
    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

extension LocalDate: CustomStringConvertible, LosslessStringConvertible {
    /// `YYYY-MM-DD`.
    public var description: String {
        // Written in place, as known ASCII: the date transform turns every date of every mapped record into this text.
        if hasFourDigitYear { return ASCIIText.make(count: 10) { writeISO(at: $0) } }
        var out = [UInt8]()
        out.reserveCapacity(12)
        appendISO(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether the year is 0…9999, so that `writeISO(at:)` can write the date.
    var hasFourDigitYear: Bool { (0...9999).contains(year) }

    /// Writes the 10 bytes `YYYY-MM-DD` at `out`; only for a year of 0…9999 (`hasFourDigitYear`).
    @inline(__always)
    func writeISO(at out: UnsafeMutablePointer<UInt8>) {
        ASCIIDigits.write(year, digits: 4, at: out)
        out[4] = UInt8(ascii: "-")
        ASCIIDigits.write(month, digits: 2, at: out + 5)
        out[7] = UInt8(ascii: "-")
        ASCIIDigits.write(day, digits: 2, at: out + 8)
    }

    /// Appends `YYYY-MM-DD`.
    func appendISO(to out: inout [UInt8]) {
        ASCIIDigits.append(year, width: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        ASCIIDigits.append(month, width: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        ASCIIDigits.append(day, width: 2, to: &out)
    }

    /// Parses exactly `YYYY-MM-DD`; anything else (other separators, missing zeros, trailing text) is nil.
    public init?(_ text: String) {
        var text = text
        let parsed: LocalDate?? = text.withUTF8 { bytes in
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
                  let y = ASCIIDigits.parse(bytes[0..<4]), let m = ASCIIDigits.parse(bytes[5..<7]),
                  let d = ASCIIDigits.parse(bytes[8..<10]) else { return .some(nil) }
            return .some(LocalDate(year: y, month: m, day: d))
        }
        guard let date = parsed ?? nil else { return nil }
        self = date
    }
}

extension LocalDate: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = LocalDate(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a date of the form YYYY-MM-DD")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
