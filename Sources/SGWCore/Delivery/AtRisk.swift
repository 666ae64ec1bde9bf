public import Foundation

extension WorkingCalendar {
    /// The moment one working day after `now` (the next working day, same time of day): a delivery due before it
    /// is "at risk", with less than one working day left.
    public func atRiskCutoff(after now: Date) -> Date {
        let today = ShanghaiTime.date(of: now)
        let next = adding(workingDays: 1, to: today).date
        return now.addingTimeInterval(ShanghaiTime.instant(on: next).timeIntervalSince(ShanghaiTime.instant(on: today)))
    }
}
