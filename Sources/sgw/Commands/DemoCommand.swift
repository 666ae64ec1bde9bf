import ArgumentParser
import Foundation
import SGWCore
import SGWMapping
import SGWPipeline
import SGWStore

/// `sgw demo`: the gateway's main job on the shipped samples, until delivery lands.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run what sgw does today on the shipped samples: rules, deadlines, import into a new store, status.",
        discussion: """
            Loads the bundled working calendar and the five jurisdiction profiles and prints, for a decision made at \
            --at (default: now), every duty's deadline under every profile. Then imports every sample named in \
            tests/*.yaml through its adapter and mapping into a new store (a temporary folder unless --data is given; \
            the sample files are not moved) and prints each file's counts and the store's status.
            """)

    @OptionGroup var rules: RulesOptions
    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "The decision's instant (default: now).") var at: String?
    @Option(help: ArgumentHelp("Import into this data folder instead of a new temporary one.", valueName: "dir")) var data: String?

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
        try importSamples(calendar: calendar, profiles: profiles)
    }

    /// Imports each sample of `tests/*.yaml` into a store and prints the counts and the status.
    func importSamples(calendar: WorkingCalendar, profiles: ProfileCatalog) throws {
        let ws = try workspace.load(profiles: profiles, requireClean: true)
        let (tests, _) = MappingTest.load(directory: workspace.directory)
        guard !tests.isEmpty else {
            print("no samples: \(workspace.directory)/tests has no test files")
            return
        }
        let folder = data ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("sgw-demo-\(UUID().uuidString.prefix(8))")
        let store = try SQLiteStore(dataFolder: folder)
        let importer = Importer(store: store, planner: DeliveryPlanner(calculator: DeadlineCalculator(calendar: calendar, profiles: profiles)))
        print("importing the samples into \(folder)/sgw.sqlite")
        for test in tests {
            let (adapter, mapper) = try ws.mapper(adapter: test.adapter)
            let (r, _) = try importer.importFile(adapter: adapter, mapper: mapper, path: test.input,
                                                 rejectsFolder: (folder as NSString).appendingPathComponent("rejects"))
            let name = (test.input as NSString).lastPathComponent
            print("  \(name) (\(adapter.name)): rows \(r.rows), accepted \(r.accepted), duplicates \(r.duplicates), rejected \(r.rejected)")
        }
        let s = try store.status(now: .now)
        print("")
        print("store: " + s.messagesByKind.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
        print("deliveries planned: " + s.deliveries.map { "\($0.count) to \($0.destination) (\($0.state))" }.joined(separator: ", "))
        print("deadlines: \(s.dueToday) due today, \(s.overdue) already passed (the samples' decisions are from 2024)")
        print("rejected rows are in \(folder)/rejects; explore with: sgw messages --data \(folder), sgw status --data \(folder)")
    }
}
