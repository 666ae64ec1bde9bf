import SGWCore

/// Excel date serials as text: `45549` → `2024-09-14`, `45549.5` → `2024-09-14 12:00:00`.
///
/// In the 1900 system serial 1 is 1900-01-01 and, because Lotus 1-2-3 thought 1900 a leap year and Excel kept the
/// bug, serial 60 is the day that never was, 1900-02-29; from 61 (1900-03-01) on a serial is the number of days
/// since 1899-12-30. In the 1904 system (`date1904`) serial 0 is 1904-01-01 and there is no such day. The arithmetic
/// is integer day counting through `LocalDate(dayNumber:)`; only the time of day comes from the fraction.
public enum XLSXDateSerial {
    /// 1899-12-30 and 1904-01-01 as days since 1970-01-01.
    private static let epoch1900 = -25_569
    private static let epoch1904 = -24_107
    /// 9999-12-31, Excel's last day.
    private static let lastSerial1900 = 2_958_465.0

    /// The date (and time, when the serial has a fraction of a second or more) for `value` as written in `<v>`, nil
    /// when it is not a serial Excel could show as a date (not a number, negative, past 9999).
    ///
    /// A 1900 serial below 1 is a time with no day (Excel shows the day as 1900-01-00): it gives `HH:MM:SS` only.
    public static func text(_ value: String, date1904: Bool) -> String? {
        guard let serial = Double(value), serial.isFinite, serial >= 0,
              serial <= lastSerial1900 + (date1904 ? -1462 : 0) + 0.99999 else { return nil }
        var days = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(days)) * 86_400).rounded())
        if seconds >= 86_400 {
            days += 1
            seconds -= 86_400
        }
        let time = seconds > 0 ? clock(seconds) : nil
        let date: String
        if date1904 {
            date = LocalDate(dayNumber: epoch1904 + days).description
        } else if days == 0 {
            return time ?? "00:00:00"
        } else if days == 60 {
            date = "1900-02-29"
        } else {
            // Before the phantom leap day the serials run one ahead of a plain count from 1899-12-30.
            date = LocalDate(dayNumber: epoch1900 + days + (days < 60 ? 1 : 0)).description
        }
        return time.map { date + " " + $0 } ?? date
    }

    /// `HH:MM:SS` for seconds since midnight.
    private static func clock(_ seconds: Int) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return two(seconds / 3600) + ":" + two(seconds / 60 % 60) + ":" + two(seconds % 60)
    }
}
