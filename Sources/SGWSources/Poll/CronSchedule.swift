public import Foundation
import SGWCore

/// A five-field cron schedule (minute, hour, day of month, month, day of week; `*`, `*/N`, `A-B`, `A-B/N` and lists),
/// read in Asia/Shanghai time, as the departments' own schedules are written. When both day fields are restricted,
/// either may match (as in Vixie cron).
public struct CronSchedule: Sendable, Hashable {
    let minutes: Set<Int>, hours: Set<Int>, days: Set<Int>, months: Set<Int>, weekdays: Set<Int>
    let anyDay: Bool, anyWeekday: Bool

    /// Parses `text`; nil when it is not five valid fields.
    public init?(_ text: String) {
        let fields = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard fields.count == 5,
              let minutes = Self.field(fields[0], 0...59), let hours = Self.field(fields[1], 0...23),
              let days = Self.field(fields[2], 1...31), let months = Self.field(fields[3], 1...12),
              var weekdays = Self.field(fields[4], 0...7) else { return nil }
        if weekdays.remove(7) != nil { weekdays.insert(0) }  // 7 is Sunday too
        (self.minutes, self.hours, self.days, self.months, self.weekdays) = (minutes, hours, days, months, weekdays)
        anyDay = fields[2] == "*"
        anyWeekday = fields[4] == "*"
    }

    static func field(_ text: String, _ range: ClosedRange<Int>) -> Set<Int>? {
        var out: Set<Int> = []
        for part in text.split(separator: ",") {
            let pieces = part.split(separator: "/", maxSplits: 1)
            let step = pieces.count == 2 ? Int(pieces[1]) : 1
            guard let step, step >= 1 else { return nil }
            var bounds = range
            if pieces[0] != "*" {
                let ends = pieces[0].split(separator: "-", maxSplits: 1).map { Int($0) }
                guard let lo = ends.first ?? nil, range.contains(lo) else { return nil }
                let hi = ends.count == 2 ? ends[1] : (pieces.count == 2 ? range.upperBound : lo)
                guard let hi, range.contains(hi), lo <= hi else { return nil }
                bounds = lo...hi
            }
            out.formUnion(stride(from: bounds.lowerBound, through: bounds.upperBound, by: step))
        }
        return out.isEmpty ? nil : out
    }

    /// The first minute after `instant` that the schedule names; nil when none comes within about four years (a
    /// 31 February).
    public func next(after instant: Date) -> Date? {
        let start = Int((instant.timeIntervalSince1970 + Double(ShanghaiTime.offsetSeconds)) / 60) + 1
        var minute = start
        while minute < start + 4 * 366 * 1440 {
            let day = LocalDate(dayNumber: minute / 1440)
            let weekday = ((minute / 1440) % 7 + 11) % 7  // day 0 (1970-01-01) was a Thursday
            let dayMatches = anyDay && anyWeekday ? true
                : anyDay ? weekdays.contains(weekday)
                : anyWeekday ? days.contains(day.day)
                : days.contains(day.day) || weekdays.contains(weekday)
            guard months.contains(day.month), dayMatches else {
                minute = (minute / 1440 + 1) * 1440
                continue
            }
            let inDay = minute % 1440
            if hours.contains(inDay / 60), minutes.contains(inDay % 60) {
                return Date(timeIntervalSince1970: Double(minute * 60 - ShanghaiTime.offsetSeconds))
            }
            minute += 1
        }
        return nil
    }
}
