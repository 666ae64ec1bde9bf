import ArgumentParser
import SGWCore
import SGWPipeline

/// `sgw calendar workday|add|years`: the working calendar of mainland China.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Working days of mainland China (holidays and makeup working days, 调休).",
        discussion: """
            Years 2020–2026 ship with sgw; add a year with a YEAR.yaml file in --calendar-dir. Dates in years that \
            are not loaded count weekends only and are marked provisional.
            """,
        subcommands: [Workday.self, Add.self, Years.self]
    )

    struct Workday: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print DATE<TAB>STATUS: workday, weekend, holiday or makeup-workday (<TAB>provisional outside loaded years).")
        @OptionGroup var rules: RulesOptions
        @Argument(help: "Dates YYYY-MM-DD, or - to read one per line from standard input.") var dates: [String]

        func validate() throws { try ValidateCommand.requireValues(dates) }

        func run() throws {
            let calendar = try rules.loadCalendar()
            var out = OutputBuffer()
            var failed = false
            Queries.forEach(dates) { query in
                let text = query.text.trimmed
                guard query.tooLong == nil, let date = LocalDate(text) else {
                    failed = true
                    out.line("\(Console.field(text, limit: 24))\terror\tnot a date YYYY-MM-DD")
                    return
                }
                let day = calendar.day(date)
                out.line("\(date)\t\(day.status.rawValue)" + (day.provisional ? "\tprovisional" : ""))
            }
            out.flush()
            if failed { throw ExitCode(1) }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print DATE<TAB>N<TAB>RESULT: the Nth working day after DATE (DATE itself not counted).",
            discussion: "Give - alone to read one query 'DATE N' per line from standard input.")
        @OptionGroup var rules: RulesOptions
        @Argument(help: "DATE N, or - to read 'DATE N' lines from standard input.") var query: [String]

        func validate() throws {
            guard query == ["-"] || query.count == 2 else {
                throw ValidationError("give DATE N (e.g. 2026-09-30 7), or - to read 'DATE N' lines from standard input")
            }
        }

        func run() throws {
            let calendar = try rules.loadCalendar()
            var out = OutputBuffer()
            var failed = false
            let queries = query == ["-"] ? ["-"] : [query.joined(separator: " ")]
            Queries.forEach(queries) { q in
                let parts = q.text.split(whereSeparator: { $0 == " " || $0 == "\t" })
                let shown = Console.field(q.text.trimmed, limit: 40)
                guard q.tooLong == nil, parts.count == 2 else {
                    failed = true
                    out.line("\(shown)\terror\texpected 'DATE N'")
                    return
                }
                guard let date = LocalDate(String(parts[0])) else {
                    failed = true
                    out.line("\(shown)\terror\tnot a date YYYY-MM-DD")
                    return
                }
                guard let n = Int(parts[1]), (1...WorkingCalendar.maximumWorkingDays).contains(n) else {
                    failed = true
                    out.line("\(shown)\terror\tN must be a whole number from 1 to \(WorkingCalendar.maximumWorkingDays)")
                    return
                }
                let sum = calendar.adding(workingDays: n, to: date)
                out.line("\(date)\t\(n)\t\(sum.date)" + (sum.provisional ? "\tprovisional" : ""))
            }
            out.flush()
            if failed { throw ExitCode(1) }
        }
    }

    struct Years: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the loaded years and where each comes from.")
        @OptionGroup var rules: RulesOptions

        func run() throws {
            let calendar = try rules.loadCalendar()
            for year in calendar.loadedYears {
                let y = calendar.years[year]!
                print("\(year)\t\(y.holidays.count) holidays\t\(y.makeupWorkdays.count) makeup days\t\(y.origin)")
            }
        }
    }
}

extension String {
    /// Without leading and trailing white space.
    var trimmed: String { Whitespace.trimmed(self) }
}
