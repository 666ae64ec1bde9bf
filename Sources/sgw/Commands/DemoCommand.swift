import ArgumentParser
import Foundation
import SGWCore
import SGWMapping
import SGWPipeline
import SGWSimulator
import SGWStore

/// `sgw demo`: the gateway's main job on the shipped samples, until delivery lands.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole path on the shipped samples: rules, deadlines, import, delivery to a simulator, claims, status.",
        discussion: """
            Loads the bundled working calendar and the five jurisdiction profiles and prints, for a decision made at \
            --at (default: now), every duty's deadline under every profile. Then imports every sample named in \
            tests/*.yaml through its adapter and mapping into a new store (a temporary folder unless --data is given; \
            the sample files are not moved), starts the platform simulator on a free 127.0.0.1 port, delivers every \
            message to it (and one department's approvals as an offline package), plays the department confirming \
            the package, then runs the workers again as of --days-later working days later so that unclaimed \
            messages are auto-claimed, and prints the status an operator would read.
            """)

    @OptionGroup var rules: RulesOptions
    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "The decision's instant (default: now).") var at: String?
    @Option(help: ArgumentHelp("Import into this data folder instead of a new temporary one.", valueName: "dir")) var data: String?
    @Option(help: "How many working days later the second delivery run is judged (auto-claims).") var daysLater = 6

    func run() async throws {
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
        let folder = data ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("sgw-demo-\(UUID().uuidString.prefix(8))")
        guard try importSamples(calendar: calendar, profiles: profiles, folder: folder) else { return }
        try await deliverSamples(calendar: calendar, profiles: profiles, folder: folder)
    }

    /// Imports each sample of `tests/*.yaml` into a store and prints the counts and the status.
    func importSamples(calendar: WorkingCalendar, profiles: ProfileCatalog, folder: String) throws -> Bool {
        let ws = try workspace.load(profiles: profiles, requireClean: true)
        let (tests, _) = MappingTest.load(directory: workspace.directory)
        guard !tests.isEmpty else {
            print("no samples: \(workspace.directory)/tests has no test files")
            return false
        }
        let store = try SQLiteStore(dataFolder: folder)
        let importer = Importer(store: store, planner: DeliveryPlanner(calculator: DeadlineCalculator(calendar: calendar, profiles: profiles),
                                                                       packageRoutes: try workspace.packageRoutes(dataFolder: folder)))
        print("importing the samples into \(folder)/sgw.sqlite")
        for test in tests {
            let (adapter, mapper) = try ws.mapper(adapter: test.adapter)
            let (r, _, _) = try importer.importFile(adapter: adapter, mapper: mapper, path: test.input,
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
        return true
    }

    /// Starts the simulator, delivers, confirms the offline package, runs again some working days later, and prints
    /// the status.
    func deliverSamples(calendar: WorkingCalendar, profiles: ProfileCatalog, folder: String) async throws {
        var configuration = SimulatorConfiguration()
        configuration.port = 0
        configuration.seed = 2026
        configuration.recordPath = (folder as NSString).appendingPathComponent("simulator-record.jsonl")
        configuration.claims.maxClaimDays = 0  // departments that claim do so at once; the others never (auto-claim)
        configuration.claims.neverClaimShare = 0.3
        let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = try Simulator.application(configuration, calendar: calendar, quiet: true, onListening: { portContinuation.yield($0) })
        let server = Task { try await app.runService() }
        defer { server.cancel() }
        var iterator = portStream.makeAsyncIterator()
        guard let port = await iterator.next() else { throw ValidationError("the simulator did not start") }
        let base = URL(string: "http://127.0.0.1:\(port)")!
        print("")
        print("platform simulator on \(base.absoluteString) (both platforms; requests recorded in \(configuration.recordPath ?? ""))")
        let specs = try workspace.destinations(dataFolder: folder).map { $0.rebased(on: base) }
        let store = try SQLiteStore(dataFolder: folder)

        print("delivering, earliest deadline first:")
        var started = Date()
        var session = try DeliverySession(specs: specs, store: store, calendar: calendar, profiles: profiles)
        var outcome = try await session.run(untilIdle: true, maxWait: 120)
        session.print(outcome, elapsed: Date().timeIntervalSince(started), indent: "  ")

        // The department behind the offline package opens it and confirms: all records received, half claimed.
        for spec in specs {
            guard let settings = spec.package, let packager = OfflinePackager(spec: spec) else { continue }
            let packages = ((try? FileManager.default.contentsOfDirectory(atPath: settings.outbox)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
            for package in packages {
                // The manifest lists every record the package carries, whatever the records' format.
                let ids = (packager.leaseTokens(package: package) ?? [:]).keys.sorted()
                let receipt: [String: Any] = [
                    "package": package, "accepted": ids,
                    "claims": ids.prefix(ids.count / 2).map { ["id": $0, "department": settings.recipients.first ?? "", "at": ShanghaiTime.format(.now)] },
                ]
                let path = (settings.receipts as NSString).appendingPathComponent("\(package).receipt.json")
                try JSONSerialization.data(withJSONObject: receipt, options: [.sortedKeys]).write(to: URL(fileURLWithPath: path))
                print("  \(settings.recipients.joined(separator: ", ")) confirms package \(package): \(ids.count) received, "
                      + "\(ids.count / 2) claimed (receipt \(path))")
            }
        }

        let later = ShanghaiTime.instant(on: calendar.adding(workingDays: daysLater, to: ShanghaiTime.date(of: .now)).date, hour: 9)
        print("")
        print("\(daysLater) working days later (\(ShanghaiTime.format(later))): receipts, claims, deadlines:")
        started = Date()
        let offset = later.timeIntervalSinceNow
        session = try DeliverySession(specs: specs, store: store, calendar: calendar, profiles: profiles,
                                      clock: { Date().addingTimeInterval(offset) })
        outcome = try await session.run(untilIdle: true, maxWait: 120)
        session.print(outcome, elapsed: Date().timeIntervalSince(started), indent: "  ")

        let d = try store.deliveryStatus(now: later, atRiskBefore: calendar.atRiskCutoff(after: later))
        print("")
        print("status as of \(ShanghaiTime.format(later)):")
        for q in d.queues {
            print("  \(q.destination): \(q.delivered) delivered (\(q.deliveredLate) after their deadline: the samples' decisions are from 2024), "
                  + "\(q.pending + q.leased) still open, \(q.deadLetters) dead letters")
        }
        print("  credit records (7 working days): \(d.creditAtRisk) at risk, \(d.creditOverdue) overdue and undelivered")
        if d.approvalsWithoutCredit > 0 {
            print("  licensing decisions with no 双公示 record: \(d.approvalsWithoutCredit) (their mapping derives none; docs/mappings.md)")
        }
        let held = try store.deadLetterCount(code: DeliveryProblem.incompleteRecordCode)
        if held > 0 {
            print("  held, not sent: \(held) 双公示 records with the code \(DeliveryProblem.incompleteRecordCode) (曲阜's export has "
                  + "no 法定代表人; its approvals went out, their records wait for a corrected import): sgw deadletters list --data \(folder)")
        }
        print("  claims: \(d.claimed) claimed by their department, \(d.autoClaimed) auto-claimed (视为自动认领), \(d.claimsOpen) open, "
              + "\(d.disputes) disputes")
        print("see one message's whole history with: sgw messages show ID --data \(folder)")
    }
}
