import ArgumentParser
import AsyncHTTPClient
import Foundation
import Logging
import Metrics
import Prometheus
import SGWCore
import SGWServer
import SGWSources
import SGWStore
import ServiceLifecycle
import SGWPipeline

/// `sgw serve`: the gateway as one long-running service: the HTTP server (webhooks, claims callbacks, health,
/// metrics), the pollers, the inbox watchers, the delivery workers and the claims follower.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the gateway: webhooks, polled APIs, file inboxes, delivery and claims, until stopped.",
        discussion: """
            Reads gateway.yaml in the configuration folder (--config; defaults serve without it: 127.0.0.1:8080, \
            data in ./data) and adapters/, mappings/ and destinations/ beside it, and refuses to start while any \
            has a problem (as 'sgw check' prints them). Prints 'listening on http://HOST:PORT' once the server \
            listens. SIGTERM or SIGINT: stops taking new work, lets the requests and the file in flight finish, \
            commits the delivery wave under way as retries, and exits 0. SIGHUP: reads the configuration again and \
            puts it in force if it has no problem; otherwise logs each as FILE:LINE: message and keeps the old one. \
            Logs go to stderr, ID numbers and phone numbers masked. docs/operations.md has the systemd unit.
            """)

    @OptionGroup var rules: RulesOptions
    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "The address to listen on (overrides gateway.yaml's listen.host).") var host: String?
    @Option(help: "The port; 0 picks a free one (overrides gateway.yaml's listen.port).") var port: Int?
    @Option(help: ArgumentHelp("The bearer token a claims callback must carry (default: gateway.yaml's callback_token, or $SGW_CALLBACK_TOKEN).",
                               valueName: "token"))
    var callbackToken: String?
    @Option(help: ArgumentHelp("Send to this base URL instead of the configured hosts (a simulator).", valueName: "url"))
    var platformURL: String?
    @Flag(help: "No delivery workers: take records in only.") var noDeliver = false

    func run() async throws {
        let calendar = try rules.loadCalendar()
        let profiles = try rules.loadProfiles()
        var (gateway, problems) = GatewayConfiguration.load(folder: workspace.directory)
        if let host { gateway.listen.host = host }
        if let port { gateway.listen.port = port }
        if let token = callbackToken ?? Environment.value("SGW_CALLBACK_TOKEN") { gateway.callbackToken = token }
        if noDeliver { gateway.delivery = false }
        if let platformURL {
            guard let base = URL(string: platformURL), base.host != nil else { throw ValidationError("--platform-url: '\(platformURL)' is not a URL") }
            gateway.platformURL = base
        }
        problems.removeAll { $0.message.contains("exposes the claims callback") && gateway.callbackToken != nil }
        let loopback = ["127.0.0.1", "::1", "localhost"].contains(gateway.listen.host)
        if !loopback, gateway.callbackToken == nil {
            throw ValidationError("--host \(gateway.listen.host) exposes the claims callback: set --callback-token or $SGW_CALLBACK_TOKEN")
        }
        if !problems.isEmpty { throw Console.configFailure(ConfigProblems(problems)) }
        let dataFolder = storeOptions.data ?? Environment.value("SGW_DATA")
            ?? (gateway.data.hasPrefix("/") ? gateway.data : (workspace.directory as NSString).appendingPathComponent(gateway.data))

        let logger = Self.bootstrapLogging(level: gateway.logLevel)
        let registry = PrometheusCollectorRegistry()
        if gateway.metrics { MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry)) }

        let store: SQLiteStore
        do { store = try SQLiteStore(dataFolder: dataFolder, checkpointPages: SQLiteStore.serviceCheckpointPages) } catch {
            Console.error("error: cannot open the store in \(dataFolder): \(error)")
            throw ExitCode(3)
        }
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let setup = GatewaySetup(configFolder: workspace.directory, dataFolder: dataFolder, configuration: gateway,
                                 calendar: calendar, profiles: profiles, store: store, http: http, logger: logger)
        let parts: GatewaySetup.Parts
        switch setup.build() {
        case .success(let p): parts = p
        case .failure(let problems):
            try? await http.shutdown()
            throw Console.configFailure(problems)
        }
        var metrics: (@Sendable () -> [UInt8])?
        if gateway.metrics { metrics = { @Sendable in registry.emitToBuffer() } }
        let listenHost = gateway.listen.host
        let app = GatewayApplication.make(setup: setup, parts: parts, metrics: metrics, logger: logger) { port in
            FileHandle.standardOutput.write(Data("listening on http://\(listenHost):\(port)\n".utf8))
            logger.notice("serving \(GatewaySupervisor.describe(parts)); data in \(dataFolder)")
        }
        // One service group: SIGTERM or SIGINT stops the server and every part together.
        do {
            try await app.runService()
        } catch {
            try? await http.shutdown()
            throw error
        }
        try? await http.shutdown()
        logger.notice("stopped")
    }

    /// Logs to stderr through the masking handler, at `level` and above.
    static func bootstrapLogging(level: String) -> Logger {
        let parsed = Logger.Level(rawValue: level) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = parsed
            return MaskingLogHandler(handler)
        }
        var logger = Logger(label: "sgw")
        logger.logLevel = parsed
        return logger
    }
}
