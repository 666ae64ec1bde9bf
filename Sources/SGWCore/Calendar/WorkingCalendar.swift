/// Working days of mainland China: Monday to Friday, minus public holidays, plus makeup working days (调休).
///
/// Years come from the State Council's notices (bundled, or added by an operator). A date in a year that is not
/// loaded counts weekends only and is marked provisional, so nobody mistakes a guess for the law.
public struct WorkingCalendar: Sendable {
    /// What kind of day a date is.
    public enum Status: String, Sendable, CaseIterable {
        /// An ordinary Monday to Friday.
        case workday
        /// Saturday or Sunday, not a makeup day.
        case weekend
        /// A day off of a public holiday block.
        case holiday
        /// A weekend day declared a working day (调休).
        case makeupWorkday = "makeup-workday"

        /// Whether people work that day.
        public var isWorking: Bool { self == .workday || self == .makeupWorkday }
    }

    /// A date's status, and whether it rests on a loaded year.
    public struct Day: Sendable, Hashable {
        /// The status.
        public var status: Status
        /// True when the date's year is not loaded: weekends only were counted.
        public var provisional: Bool
        /// The holiday's name for holidays and makeup days.
        public var holiday: String?
    }

    /// A working-day sum: the resulting date and whether any day it crossed lies in a year not loaded.
    public struct Sum: Sendable, Hashable {
        /// The Nth working day.
        public var date: LocalDate
        /// True when a day counted lies outside the loaded years.
        public var provisional: Bool
    }

    /// The loaded years.
    public let years: [Int: CalendarYear]
    private let holidays: [Int: String]
    private let makeups: [Int: String]

    /// The largest N that `adding(workingDays:to:)` accepts: 10 years of working days.
    public static let maximumWorkingDays = 2_500

    /// A calendar of the given years; a later year value for the same year replaces an earlier one.
    public init(years: [CalendarYear]) {
        var byYear: [Int: CalendarYear] = [:]
        for y in years { byYear[y.year] = y }
        var holidays: [Int: String] = [:]
        var makeups: [Int: String] = [:]
        for y in byYear.values {
            for h in y.holidays {
                for n in h.from.dayNumber...h.to.dayNumber { holidays[n] = h.name }
            }
            for m in y.makeupWorkdays { makeups[m.date.dayNumber] = m.holiday }
        }
        self.years = byYear
        self.holidays = holidays
        self.makeups = makeups
    }

    /// The loaded years, sorted.
    public var loadedYears: [Int] { years.keys.sorted() }

    /// The status of `date`.
    public func day(_ date: LocalDate) -> Day {
        let provisional = years[date.year] == nil
        let n = date.dayNumber
        if let name = holidays[n] { return Day(status: .holiday, provisional: false, holiday: name) }
        if let name = makeups[n] { return Day(status: .makeupWorkday, provisional: false, holiday: name) }
        return Day(status: date.isWeekend ? .weekend : .workday, provisional: provisional, holiday: nil)
    }

    /// Whether `date` is a working day.
    public func isWorkingDay(_ date: LocalDate) -> Bool { day(date).status.isWorking }

    /// The `n`th working day after `date` (`date` itself not counted); `n` is 1 to `maximumWorkingDays`.
    public func adding(workingDays n: Int, to date: LocalDate) -> Sum {
        precondition(n >= 1 && n <= Self.maximumWorkingDays, "working days out of range")
        var current = date
        var left = n
        var provisional = false
        while left > 0 {
            current = current.adding(days: 1)
            let d = day(current)
            provisional = provisional || d.provisional
            if d.status.isWorking { left -= 1 }
        }
        return Sum(date: current, provisional: provisional)
    }

    /// The number of working days after `from` up to and including `to` (0 when `to` is not after `from`).
    public func workingDays(after from: LocalDate, through to: LocalDate) -> Int {
        guard to > from else { return 0 }
        var count = 0
        for n in (from.dayNumber + 1)...to.dayNumber where isWorkingDay(LocalDate(dayNumber: n)) { count += 1 }
        return count
    }
}
