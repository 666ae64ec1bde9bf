public import Foundation
public import SGWCore

/// The period a report covers: a month (`2026-11`), a quarter (`2026-Q4`) or a range of dates (`2026-11-01..2026-11-15`,
/// both days included), as half-open instants `[from, until)` in Shanghai time.
///
/// Named apart from SGWCore's `ReportPeriod`, which is how often a profile wants a report (monthly, quarterly, regular);
/// this is one concrete period.
public struct ReportingPeriod: Sendable, Hashable, CustomStringConvertible {
    /// What kind of period.
    public enum Kind: Sendable, Hashable {
        case month(year: Int, month: Int)
        case quarter(year: Int, quarter: Int)
        case range
    }

    /// The kind.
    public let kind: Kind
    /// Its first day and its last day, in Shanghai.
    public let firstDay: LocalDate, lastDay: LocalDate

    /// The first instant in the period: midnight in Shanghai of its first day.
    public var from: Date { ShanghaiTime.instant(on: firstDay) }
    /// The first instant after it: midnight in Shanghai of the day after its last day.
    public var until: Date { ShanghaiTime.instant(on: lastDay.adding(days: 1)) }

    private init(kind: Kind, firstDay: LocalDate, lastDay: LocalDate) {
        self.kind = kind
        self.firstDay = firstDay
        self.lastDay = lastDay
    }

    /// The month `year-month`.
    public static func month(year: Int, month: Int) -> ReportingPeriod {
        ReportingPeriod(kind: .month(year: year, month: month), firstDay: LocalDate(year: year, month: month, day: 1)!,
                        lastDay: LocalDate(year: year, month: month, day: LocalDate.daysInMonth(year: year, month: month))!)
    }

    /// The quarter `year-Qquarter`.
    public static func quarter(year: Int, quarter: Int) -> ReportingPeriod {
        let first = (quarter - 1) * 3 + 1
        return ReportingPeriod(kind: .quarter(year: year, quarter: quarter), firstDay: LocalDate(year: year, month: first, day: 1)!,
                               lastDay: LocalDate(year: year, month: first + 2, day: LocalDate.daysInMonth(year: year, month: first + 2))!)
    }

    /// The days `first` to `last`, both included; nil when `last` is before `first` or the range is longer than
    /// `longestRange`.
    public static func range(_ first: LocalDate, _ last: LocalDate) -> ReportingPeriod? {
        guard first <= last, last.dayNumber - first.dayNumber < longestRange else { return nil }
        return ReportingPeriod(kind: .range, firstDay: first, lastDay: last)
    }

    /// The longest range a report covers, in days: a year (聊城 art. 23's annual assessment). A report reads every
    /// message of its period into memory and draws a column per day, and any token may ask for one.
    public static let longestRange = 366

    /// Parses `2026-11`, `2026-Q4` (or `2026-q4`) and `2026-11-01..2026-11-15`; nil for anything else.
    public init?(_ text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let dots = t.range(of: "..") {
            guard let a = LocalDate(String(t[..<dots.lowerBound])), let b = LocalDate(String(t[dots.upperBound...])),
                  let p = Self.range(a, b) else { return nil }
            self = p
            return
        }
        let parts = t.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), year >= 1900, year <= 9999 else { return nil }
        let second = parts[1].uppercased()
        if second.hasPrefix("Q"), second.count == 2, let q = Int(second.dropFirst()), (1...4).contains(q) {
            self = .quarter(year: year, quarter: q)
        } else if second.count == 2, second.allSatisfy(\.isASCII), let m = Int(second), (1...12).contains(m) {
            self = .month(year: year, month: m)
        } else {
            return nil
        }
    }

    /// `2026-11`, `2026-Q4`, `2026-11-01..2026-11-15`: the form it parses from, also used in file names.
    public var description: String {
        switch kind {
        case .month(let y, let m): String(format: "%04d-%02d", y, m)
        case .quarter(let y, let q): "\(y)-Q\(q)"
        case .range: "\(firstDay)..\(lastDay)"
        }
    }

    /// In Chinese, for report headings: `2026年11月`, `2026年第4季度`, `2026-11-01至2026-11-15`.
    public var chineseLabel: String {
        switch kind {
        case .month(let y, let m): "\(y)年\(m)月"
        case .quarter(let y, let q): "\(y)年第\(q)季度"
        case .range: "\(firstDay)至\(lastDay)"
        }
    }

    /// The days of the period, in order.
    public var days: [LocalDate] {
        (firstDay.dayNumber...lastDay.dayNumber).map(LocalDate.init(dayNumber:))
    }

    /// The period of the same frequency that follows (a range: the same number of days after it).
    public var next: ReportingPeriod {
        switch kind {
        case .month(let y, let m): m == 12 ? .month(year: y + 1, month: 1) : .month(year: y, month: m + 1)
        case .quarter(let y, let q): q == 4 ? .quarter(year: y + 1, quarter: 1) : .quarter(year: y, quarter: q + 1)
        case .range:
            ReportingPeriod(kind: .range, firstDay: lastDay.adding(days: 1),
                            lastDay: lastDay.adding(days: lastDay.dayNumber - firstDay.dayNumber + 1))
        }
    }
}
