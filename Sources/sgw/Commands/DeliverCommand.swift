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
        let session = try DeliverySession(destinations: specs, store: try storeOptions.open(), calendar: calendar, profiles: profiles,
                                          clock: { Date().addingTimeInterval(offset) }, progress: { Console.error(Masking.text($0)) })
        let started = Date()
        let outcome = try await session.run(untilIdle: untilIdle, maxWait: wait)
        outcome.print(elapsed: Date().timeIntervalSince(started))
    }
}
