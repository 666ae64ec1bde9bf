import ArgumentParser
import Foundation
import SGWCore
import SGWPipeline
import SGWStore

/// `sgw deliver [--until-idle] [--max-wait DURATION]`: the delivery workers.
struct DeliverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliver",
        abstract: "Deliver due messages to the platforms, earliest deadline first; follow claims; auto-claim at deadlines.",
        discussion: """
            Destinations are configured in destinations/*.yaml (URL, authentication, timeouts, concurrency, batch size, \
            retry). Transient failures are retried with exponential backoff and full jitter, honouring Retry-After; \
            permanent ones become dead letters (sgw deadletters). A passed deadline never stops the retries: the \
            delivery is counted overdue. Without --until-idle the workers run until stopped (or --max-wait).
            """)

    @OptionGroup var rules: RulesOptions
    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var storeOptions: StoreOptions
    @Flag(help: "Stop when nothing is pending or waiting for a retry (dead letters aside): for cron and tests.")
    var untilIdle = false
    @Option(help: ArgumentHelp("Stop after this long whatever is left, e.g. 30s, 5m, 2h.", valueName: "duration"))
    var maxWait: String?
    @Option(help: ArgumentHelp("Send to this base URL instead of the configured hosts (a simulator).", valueName: "url"))
    var platformURL: String?
    @Option(help: ArgumentHelp("Judge deadlines as if it were this time (a drill or a demo), e.g. 2026-12-01T09:00:00+08:00.",
                               valueName: "time"))
    var asOf: String?

    func run() async throws {
        let calendar = try rules.loadCalendar()
        let profiles = try rules.loadProfiles()
        let wait = try maxWait.map { text in
            guard let seconds = DurationText.seconds(text) else { throw ValidationError("--max-wait: '\(text)' is not a duration like 30s, 5m or 2h") }
            return seconds
        }
        var specs = try workspace.destinations(dataFolder: storeOptions.folder)
        if specs.isEmpty { throw ValidationError("no destinations in \(workspace.directory)/destinations/*.yaml") }
        if let platformURL {
            guard let base = URL(string: platformURL), base.host != nil else { throw ValidationError("--platform-url: '\(platformURL)' is not a URL") }
            specs = specs.map { $0.rebased(on: base) }
        }
        let offset = try asOf.map { text in
            guard let t = ShanghaiTime.parseInstant(text) else { throw ValidationError("--as-of: '\(text)' is not a time like 2026-12-01T09:00:00+08:00") }
            return t.timeIntervalSinceNow
        } ?? 0
        let session = try DeliverySession(specs: specs, store: try storeOptions.open(), calendar: calendar, profiles: profiles,
                                          clock: { Date().addingTimeInterval(offset) })
        let started = Date()
        let outcome = try await session.run(untilIdle: untilIdle, maxWait: wait)
        session.print(outcome, elapsed: Date().timeIntervalSince(started))
    }
}

/// `30s`, `5m`, `2h`, `1d`, or plain seconds.
enum DurationText {
    static func seconds(_ text: String) -> TimeInterval? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        guard let last = text.last else { return nil }
        if let unit = units[last] { return Double(text.dropLast()).map { $0 * unit }.flatMap { $0 >= 0 ? $0 : nil } }
        return Double(text).flatMap { $0 >= 0 ? $0 : nil }
    }
}

/// The workers for a set of destinations, shared by `sgw deliver` and `sgw demo`.
struct DeliverySession {
    let runner: DeliveryRunner
    let clients: [PlatformClient]

    init(specs: [DestinationSpec], store: any MessageStore, calendar: WorkingCalendar, profiles: ProfileCatalog,
         clock: @escaping @Sendable () -> Date = { Date() }) throws {
        clients = try specs.filter { $0.package == nil }.map(PlatformClient.init)
        runner = DeliveryRunner(
            store: store, clients: clients, packagers: specs.compactMap(OfflinePackager.init),
            planner: DeliveryPlanner(calculator: DeadlineCalculator(calendar: calendar, profiles: profiles)),
            clock: clock, progress: { Console.error(Masking.text($0)) })
    }

    /// Runs the workers, then closes the HTTP clients whatever happened.
    func run(untilIdle: Bool, maxWait: TimeInterval?) async throws -> DeliveryRunner.Outcome {
        do {
            let outcome = try await runner.run(untilIdle: untilIdle, maxWait: maxWait)
            for c in clients { try? await c.shutdown() }
            return outcome
        } catch {
            for c in clients { try? await c.shutdown() }
            throw error
        }
    }

    /// One line per destination and one for claims.
    func print(_ outcome: DeliveryRunner.Outcome, elapsed: TimeInterval, indent: String = "") {
        for d in outcome.destinations {
            let rate = elapsed > 0 ? Int(Double(d.delivered) / elapsed) : 0
            var line = "\(indent)\(d.destination): delivered \(d.delivered) (\(d.duplicates) already there), attempts \(d.attempts), "
                + "retries \(d.retries), dead letters \(d.deadLetters); \(rate) msg/s"
            let left = d.backlog
            if !left.isIdle {
                line += "; left: \(left.due) due, \(left.waiting) waiting for a retry, \(left.leased) leased or awaiting a receipt"
                    + (left.nextDueAt.map { " (next at \(ShanghaiTime.format($0)))" } ?? "")
            }
            Swift.print(line)
        }
        let autoClaimed = outcome.closed.filter { $0.state == "auto-claimed" }.count
        Swift.print("\(indent)claims: \(outcome.events) events recorded, \(autoClaimed) auto-claimed at their deadline, "
                    + "\(outcome.closed.count - autoClaimed) feedback windows closed")
        for e in outcome.feedErrors { Console.error("warning: \(Masking.text(e))") }
    }
}
