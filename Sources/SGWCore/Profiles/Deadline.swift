public import Foundation

/// When a duty falls due for an event, and how sure that is.
public struct Deadline: Sendable, Hashable {
    /// The profile whose rules apply.
    public var profile: String
    /// The duty.
    public var duty: DutyName
    /// The event's instant.
    public var event: Date
    /// The event's date in Asia/Shanghai, from which working days are counted.
    public var eventDate: LocalDate
    /// The instant the duty falls due.
    public var due: Date
    /// True when a day counted lies in a year whose calendar is not loaded (weekends only were counted).
    public var provisional: Bool
    /// Set when the profile's rules are not in force on the event's date; they still apply.
    public var warning: String?
}

/// Computes deadlines from jurisdiction profiles and the working calendar.
public struct DeadlineCalculator: Sendable {
    /// The working calendar.
    public let calendar: WorkingCalendar
    /// The profiles.
    public let profiles: ProfileCatalog

    /// A calculator.
    public init(calendar: WorkingCalendar, profiles: ProfileCatalog) {
        self.calendar = calendar
        self.profiles = profiles
    }

    /// The deadline of `duty` under `profileID` for an event at `event`.
    ///
    /// Working-day duties end at 23:59:59 (Asia/Shanghai) of the Nth working day after the event's date; "at once"
    /// duties end their operational target after the event; report periods end with the month or quarter.
    public func deadline(profile profileID: String, duty: DutyName, from event: Date) throws(LookupError) -> Deadline {
        let profile = try profiles.profile(profileID)
        guard let rule = profile.duty(duty) else {
            throw LookupError.unknownDuty(duty.rawValue, profile: profile.id, profileName: profile.name,
                               duties: profile.duties.keys.sorted().map(\.rawValue))
        }
        let eventDate = ShanghaiTime.date(of: event)
        var provisional = false
        let due: Date
        switch rule.limit {
        case .atOnce(let minutes):
            due = event.addingTimeInterval(TimeInterval(minutes * 60))
        case .workingDays(let n):
            let sum = calendar.adding(workingDays: n, to: eventDate)
            provisional = sum.provisional
            due = ShanghaiTime.endOfDay(sum.date)
        case .period(.monthly):
            let last = LocalDate(year: eventDate.year, month: eventDate.month,
                                 day: LocalDate.daysInMonth(year: eventDate.year, month: eventDate.month))!
            due = ShanghaiTime.endOfDay(last)
        case .period(.quarterly):
            let month = (eventDate.month - 1) / 3 * 3 + 3
            let last = LocalDate(year: eventDate.year, month: month, day: LocalDate.daysInMonth(year: eventDate.year, month: month))!
            due = ShanghaiTime.endOfDay(last)
        case .period(.regular), .unquantified:
            let why = rule.note ?? rule.quote ?? "no number of days"
            throw LookupError.noTimeLimit(duty.rawValue, profile: profile.id, article: "\(rule.article)", why: why)
        }
        let warning = profile.document.validityWarning(on: eventDate).map {
            "profile '\(profile.id)': \($0) (\(profile.document.title)); its duties still apply"
        }
        return Deadline(profile: profile.id, duty: duty, event: event, eventDate: eventDate, due: due,
                        provisional: provisional, warning: warning)
    }
}
