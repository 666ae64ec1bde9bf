/// One year of the State Council's holiday notice: the holiday blocks and the makeup working days (调休).
public struct CalendarYear: Sendable, Hashable {
    /// A block of consecutive days off, weekends inside it included.
    public struct Holiday: Sendable, Hashable {
        /// The festival, e.g. 国庆节.
        public var name: String
        /// The first day off.
        public var from: LocalDate
        /// The last day off.
        public var to: LocalDate
    }

    /// A weekend day declared a working day to make up for a holiday.
    public struct MakeupWorkday: Sendable, Hashable {
        /// The day.
        public var date: LocalDate
        /// The holiday it makes up for.
        public var holiday: String
    }

    /// The year.
    public var year: Int
    /// The notice the data comes from.
    public var notice: String?
    /// The holiday blocks.
    public var holidays: [Holiday]
    /// The makeup working days.
    public var makeupWorkdays: [MakeupWorkday]
    /// Where the year was loaded from.
    public var origin: String

    static let keys: Set<String> = ["year", "notice", "holidays", "makeup_workdays"]

    /// Reads a year file; problems go to the reader and the result is nil when the year cannot be used.
    public static func read(_ root: ConfigValue, origin: String) -> CalendarYear? {
        let reader = root.reader
        guard let map = root.mapping(allowed: keys), let year = map.required("year")?.int else { return nil }
        func inYear(_ date: LocalDate, _ line: Int?) -> Bool {
            if date.year == year { return true }
            reader.problem("\(date) is not in \(year)", line: line)
            return false
        }
        var holidays: [Holiday] = []
        for item in map.required("holidays")?.sequence ?? [] {
            guard let m = item.mapping(allowed: ["name", "from", "to"]),
                  let name = m.required("name")?.string, let from = m.required("from")?.date else { continue }
            let to = m["to"]?.date ?? from
            guard inYear(from, item.line), inYear(to, item.line) else { continue }
            guard from <= to else {
                reader.problem("holiday \(name) ends (\(to)) before it starts (\(from))", line: item.line)
                continue
            }
            holidays.append(Holiday(name: name, from: from, to: to))
        }
        var makeups: [MakeupWorkday] = []
        for item in map["makeup_workdays"]?.sequence ?? [] {
            guard let m = item.mapping(allowed: ["date", "for"]), let date = m.required("date")?.date,
                  inYear(date, item.line) else { continue }
            guard date.isWeekend else {
                reader.problem("makeup working day \(date) is not a Saturday or Sunday", line: item.line)
                continue
            }
            if holidays.contains(where: { $0.from <= date && date <= $0.to }) {
                reader.problem("\(date) is both a holiday and a makeup working day", line: item.line)
                continue
            }
            makeups.append(MakeupWorkday(date: date, holiday: m["for"]?.string ?? ""))
        }
        guard reader.problems.isEmpty else { return nil }
        return CalendarYear(year: year, notice: map["notice"]?.string, holidays: holidays, makeupWorkdays: makeups,
                            origin: origin)
    }
}
