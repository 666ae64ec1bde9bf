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
            --at (default: now), every duty's deadline under every profile. Then shows the three ways records come \
            in, on free 127.0.0.1 ports: it starts the platform simulator (both platforms, and the departments' own \
            paged APIs) and the gateway service (as 'sgw serve' runs it) over a copy of the configuration; drops each \
            sample file of mapping-tests/*.yaml whose adapter reads files into the copy's inbox; has a county system post \
            signed approvals to the 石城 webhook; lets the service poll 聊城's paged API; delivers everything (one \
            department's approvals as an offline package, which the demo then confirms) and follows the claims. It \
            prints what came in by each way, what was delivered, and the URLs. Without --keep-running it then stops \
            the service, runs the workers again as of --days-later working days later so that unclaimed messages \
            are auto-claimed where the rules say so, prints the status an operator would read, and exits. The \
            sample files themselves are never moved.
            """)

    @OptionGroup var rules: RulesOptions
    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "The decision's instant (default: now).") var at: String?
    @Option(help: ArgumentHelp("The demo's working folder (its config/ copy, inbox and data/) instead of a new temporary one.",
                               valueName: "dir")) var data: String?
    @Option(help: "How many working days later the second delivery run is judged (auto-claims).") var daysLater = 6
    @Flag(help: "Leave the service and the simulator running after the summary, until Ctrl-C.") var keepRunning = false

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
        try await DemoGateway(workspace: workspace.directory, folder: folder, calendar: calendar, profiles: profiles)
            .run(keepRunning: keepRunning) { simulator, store, data in
                try await laterRun(calendar: calendar, profiles: profiles, folder: data, simulator: simulator, store: store)
            }
    }

    /// The workers run again as of `daysLater` working days later against the simulator at `simulator`: receipts,
    /// claims and the deadlines that have passed by then (auto-claims where the rules say so); then the status.
    func laterRun(calendar: WorkingCalendar, profiles: ProfileCatalog, folder: String, simulator base: URL,
                  store: SQLiteStore) async throws {
        let specs = try workspace.destinations(dataFolder: folder).map { $0.rebased(on: base) }
        let later = ShanghaiTime.instant(on: calendar.adding(workingDays: daysLater, to: ShanghaiTime.date(of: .now)).date, hour: 9)
        print("")
        print("\(daysLater) working days later (\(ShanghaiTime.format(later))): receipts, claims, deadlines:")
        let started = Date()
        let offset = later.timeIntervalSinceNow
        let session = try DeliverySession(destinations: specs, store: store, calendar: calendar, profiles: profiles,
                                          clock: { Date().addingTimeInterval(offset) }, progress: { Console.error(Masking.text($0)) })
        let outcome = try await session.run(untilIdle: true, maxWait: 120)
        outcome.print(elapsed: Date().timeIntervalSince(started), indent: "  ")

        let cutoff = calendar.atRiskCutoff(after: later)
        let d = try await blockingCall { try store.deliveryStatus(now: later, atRiskBefore: cutoff) }
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
        let held = try await blockingCall { try store.deadLetterCount(code: DeliveryProblem.incompleteRecordCode) }
        if held > 0 {
            print("  held, not sent: \(held) 双公示 records with the code \(DeliveryProblem.incompleteRecordCode) (曲阜's export has "
                  + "no 法定代表人; its approvals went out, their records wait for a corrected import): sgw deadletters list --data \(folder)")
        }
        print("  claims: \(d.claimed) claimed by their department, \(d.claimedLate) claimed late, \(d.autoClaimed) auto-claimed "
              + "(视为自动认领, where the rules say so), \(d.claimsOverdue) overdue and still open (no auto-claim in the rules), "
              + "\(d.claimsOpen) open, \(d.disputes) disputes")
        for o in d.overdueByDepartment { print("    overdue \(o.duty): \(o.count), late: \(o.department)") }
        if d.changeRequests > 0 {
            print("  change requests (函告): \(d.changeRequests), \(d.changeRequestsAnswered) answered by the approval bureau's decision, "
                  + "\(d.changeDecisionsDelivered) decisions delivered back to the requesting department")
        }
        print("  per duty:")
        for f in d.duties { print("    \(f.duty) \(f.kind): \(f.summary)") }
        for l in d.lateExports {
            print("  exported late (decision to receipt, at-once pushes): \(l.adapter) \(l.kind) \(l.count), up to \(l.maxDays) days")
        }
        print("see one message's whole history with: sgw messages show ID --data \(folder)")
    }
}
