import ArgumentParser
import Foundation
import SGWCore

/// `sgw demo`: the gateway's rules at work on an event, until import and delivery land.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Show what sgw enforces today: each profile's deadlines for a decision made at an instant.",
        discussion: """
            Loads the bundled working calendar and the five jurisdiction profiles, then prints, for an approval or \
            penalty decision made at --at (default: now), every duty's deadline under every profile, with warnings \
            for rules out of force and provisional calendar years.
            """)

    @OptionGroup var rules: RulesOptions
    @Option(help: "The decision's instant (default: now).") var at: String?

    func run() throws {
        let calendar = try rules.loadCalendar()
        let profiles = try rules.loadProfiles()
        let event: Date
        if let at {
            guard let parsed = ShanghaiTime.parseInstant(at.trimmed) else {
                throw ValidationError("--at '\(at)' is not an ISO 8601 instant or a date YYYY-MM-DD")
            }
            event = parsed
        } else {
            event = .now
        }
        let day = ShanghaiTime.date(of: event)
        let status = calendar.day(day)
        print("sgw: rules loaded — calendar years \(calendar.loadedYears.map(String.init).joined(separator: ", ")); "
              + "profiles \(profiles.sorted.map(\.id).joined(separator: ", "))")
        print("decision at \(ShanghaiTime.format(event)): \(day) is a \(status.status.rawValue)"
              + (status.holiday.map { " (\($0))" } ?? "") + (status.provisional ? ", provisional" : ""))
        print("")
        let calculator = DeadlineCalculator(calendar: calendar, profiles: profiles)
        for profile in profiles.sorted {
            print("\(profile.id) \(profile.name) — \(profile.document.title)")
            for name in DutyName.allCases {
                guard let duty = profile.duty(name) else { continue }
                let line = "  \(name.rawValue.padding(toLength: 28, withPad: " ", startingAt: 0))"
                    + duty.limitDescription.padding(toLength: 32, withPad: " ", startingAt: 0)
                if let d = try? calculator.deadline(profile: profile.id, duty: name, from: event) {
                    print(line + "due " + ShanghaiTime.format(d.due) + (d.provisional ? " (provisional)" : ""))
                } else {
                    print(line + "no deadline: art. \(duty.article) sets no number")
                }
            }
            if let warning = profile.document.validityWarning(on: day) { print("  warning: \(warning); duties still apply") }
            print("")
        }
    }
}
