public import Foundation
public import SGWCore

extension ReportingPeriod {
    /// The month or quarter that contains `instant` in Shanghai.
    public static func containing(_ instant: Date, frequency: ReportPeriod) -> ReportingPeriod? {
        let day = ShanghaiTime.date(of: instant)
        switch frequency {
        case .monthly: return .month(year: day.year, month: day.month)
        case .quarterly: return .quarter(year: day.year, quarter: (day.month - 1) / 3 + 1)
        case .regular: return nil
        }
    }

    /// The last complete month or quarter before `now`: what a report made at `now` without a period covers.
    /// Nil for `regular` (曲阜 art. 19 「定期通报」 sets no period: the operator names one).
    public static func lastComplete(_ frequency: ReportPeriod, before now: Date) -> ReportingPeriod? {
        guard let current = containing(now, frequency: frequency) else { return nil }
        return containing(current.from.addingTimeInterval(-1), frequency: frequency)
    }

    /// How often `profile` wants its report: its `report.period` duty (周村 art. 7 monthly, 聊城 art. 23 quarterly,
    /// 曲阜 art. 19 regular); nil when the profile sets no report (石城, 临淄).
    public static func frequency(of profile: JurisdictionProfile) -> ReportPeriod? {
        guard case .period(let frequency) = profile.duty(.reportPeriod)?.limit else { return nil }
        return frequency
    }

    /// The shortest fixed frequency among `profiles` (monthly when any is monthly): a report over every profile
    /// without a period covers the last complete one of these, so no profile's report falls between two.
    public static func shortestFrequency(_ profiles: [JurisdictionProfile]) -> ReportPeriod {
        let fixed = profiles.compactMap(frequency(of:))
        return fixed.contains(.monthly) || !fixed.contains(.quarterly) ? .monthly : .quarterly
    }
}

extension ReportingPeriod {
    /// The period `text` names; without one, the last complete period before `now` that `profile` sets (or, with no
    /// profile, the shortest any of `profiles` sets). Throws `ReportPeriodError`.
    public static func resolve(_ text: String?, profile: JurisdictionProfile?, profiles: [JurisdictionProfile],
                               now: Date) throws(ReportPeriodError) -> ReportingPeriod {
        if let text {
            guard let period = ReportingPeriod(text) else { throw .unreadable(text) }
            return period
        }
        let frequency: ReportPeriod
        if let profile {
            guard let f = Self.frequency(of: profile), f != .regular else {
                throw .noDefault(profile: profile.id, article: profile.duty(.reportPeriod)?.article)
            }
            frequency = f
        } else {
            frequency = shortestFrequency(profiles)
        }
        return lastComplete(frequency, before: now)!
    }
}
