import ArgumentParser
import Foundation
import SGWCore
import SGWServer
import SGWStore
import ServiceLifecycle

/// `sgw serve`: the long-running gateway: the delivery workers, the claims feeds, and the HTTP callback that
/// platforms post claim and feedback events to.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the delivery workers and the claims callback (POST /v1/claims/SOURCE) until stopped.",
        discussion: """
            Prints 'listening on http://HOST:PORT' once the callback listens. The workers run as in 'sgw deliver' \
            without --until-idle. Stop with SIGINT or SIGTERM; a delivery in flight when the process dies is \
            retried after its lease expires.
            """)

    @OptionGroup var rules: RulesOptions
    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port; 0 picks a free one.") var port = 8080
    @Option(help: ArgumentHelp("The bearer token a callback must carry (default: $SGW_CALLBACK_TOKEN; none: open).", valueName: "token"))
    var callbackToken: String?
    @Option(help: ArgumentHelp("Send to this base URL instead of the configured hosts (a simulator).", valueName: "url"))
    var platformURL: String?
    @Flag(help: "Only the callback, no delivery workers.") var noDeliver = false

    func validate() throws {
        let loopback = host == "127.0.0.1" || host == "::1" || host == "localhost"
        if !loopback, (callbackToken ?? Environment.value("SGW_CALLBACK_TOKEN")) == nil {
            throw ValidationError("--host \(host) exposes the claims callback: set --callback-token or $SGW_CALLBACK_TOKEN")
        }
    }

    func run() async throws {
        let calendar = try rules.loadCalendar()
        let profiles = try rules.loadProfiles()
        var specs = try workspace.destinations(dataFolder: storeOptions.folder)
        if let platformURL {
            guard let base = URL(string: platformURL), base.host != nil else { throw ValidationError("--platform-url: '\(platformURL)' is not a URL") }
            specs = specs.map { $0.rebased(on: base) }
        }
        let store = try storeOptions.open()
        let token = callbackToken ?? Environment.value("SGW_CALLBACK_TOKEN")
        let session = try DeliverySession(specs: noDeliver ? [] : specs, store: store, calendar: calendar, profiles: profiles)
        let workers: [any Service] = noDeliver || specs.isEmpty ? [] : [DeliveryService(session: session)]
        let app = GatewayServer.application(store: store, host: host, port: port, token: token, services: workers) { port in
            FileHandle.standardOutput.write(Data("listening on http://\(host):\(port)\n".utf8))
        }
        // One service group: SIGINT or SIGTERM stops the server and the workers together.
        try await app.runService()
    }
}

/// The delivery workers as a service of `sgw serve`. On shutdown the wave in flight is cancelled: its requests are
/// reported as unanswered and committed as retries, so nothing waits for a lease to expire.
struct DeliveryService: Service {
    let session: DeliverySession

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                _ = try await session.run(untilIdle: false, maxWait: nil)
            }
        } catch is CancellationError {
            // The shutdown asked for: not a failure.
        }
    }
}
