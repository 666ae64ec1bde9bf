import ArgumentParser
import Foundation
import SGWCore

/// `sgw deadline --profile P --duty D --from INSTANT`: when a duty falls due.
struct DeadlineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deadline",
        abstract: "Print the deadline of a duty as ISO 8601 in +08:00.",
        discussion: """
            Working-day duties end at 23:59:59 (Asia/Shanghai) of the Nth working day after the event's date; \
            'at once' duties end their operational target after the event. INSTANT is ISO 8601 (2026-09-30T10:00:00+08:00, \
            …Z, or without offset meaning Shanghai time) or a date YYYY-MM-DD. Warnings (rules out of force, \
            provisional calendar) go to standard error.
            """)

    @OptionGroup var rules: RulesOptions
    @Option(help: "The jurisdiction profile (see 'sgw profiles').") var profile: String
    @Option(help: ArgumentHelp("The duty: \(DutyName.allCases.map(\.rawValue).joined(separator: ", ")).")) var duty: String
    @Option(help: "The event's instant.") var from: String
    @Flag(help: "Also explain how the deadline was counted.") var explain = false

    func run() throws {
        guard let dutyName = DutyName(rawValue: duty) else {
            let hint = Suggestion.closest(to: duty, in: DutyName.allCases.map(\.rawValue)).map { " Did you mean '\($0)'?" } ?? ""
            throw ValidationError("unknown duty '\(duty)'.\(hint) Duties: \(DutyName.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let event = ShanghaiTime.parseInstant(from.trimmed) else {
            throw ValidationError("--from '\(from)' is not an ISO 8601 instant (2026-09-30T10:00:00+08:00) or a date YYYY-MM-DD")
        }
        let calculator = DeadlineCalculator(calendar: try rules.loadCalendar(), profiles: try rules.loadProfiles())
        let deadline: Deadline
        do {
            deadline = try calculator.deadline(profile: profile, duty: dutyName, from: event)
        } catch {
            Console.error("error: \(error.description)")
            throw ExitCode(1)
        }
        print(ShanghaiTime.format(deadline.due))
        if let warning = deadline.warning { Console.error("warning: \(warning)") }
        if deadline.provisional {
            Console.error("warning: provisional: the count reaches a year whose calendar is not loaded (weekends only counted)")
        }
        if explain {
            let p = try calculator.profiles.profile(profile)
            let d = p.duty(dutyName)!
            Console.error("event \(ShanghaiTime.format(event)) (date \(deadline.eventDate) in Asia/Shanghai)")
            Console.error("\(p.id) \(dutyName.rawValue): \(d.limitDescription), art. \(d.article) of \(p.document.title)")
            if let clock = d.clockDescription { Console.error("counted from \(clock); --from is taken as that event") }
            if let outcome = d.outcome(of: dutyName, approvalAuthority: p.approvalAuthority) { Console.error("at the deadline: \(outcome)") }
            if let quote = d.quote { Console.error("「\(quote)」") }
        }
    }
}
