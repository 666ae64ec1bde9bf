public import Hummingbird
import Logging
import NIOCore
public import SGWCore
import Foundation
import ServiceLifecycle

/// The platform simulator: one HTTP server on 127.0.0.1 playing the interaction and the credit platform of
/// docs/platform-api.md, with seeded claims and faults.
public enum Simulator {
    /// The Hummingbird application for `configuration`. `onListening` gets the real port once the server
    /// listens (the chosen one when the configuration says 0). `quiet` keeps the server's own log to critical
    /// messages (when it runs inside another command). Throws when the record file cannot be created, or when no
    /// calendar is given and the bundled one cannot be loaded.
    public static func application(
        _ configuration: SimulatorConfiguration,
        calendar: WorkingCalendar? = nil,
        quiet: Bool = false,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let calendar = try calendar ?? WorkingCalendar.load()
        let planner = ClaimPlanner(seed: configuration.seed, claims: configuration.claims, calendar: calendar)
        let state = PlatformState(planner: planner)
        let pusher = configuration.callbackURL.map { CallbackPusher(state: state, url: $0, token: configuration.callbackToken) }
        let endpoints = PlatformEndpoints(
            state: state,
            faults: FaultInjector(faults: configuration.faults, seed: configuration.seed),
            recorder: try RequestRecorder(path: configuration.recordPath),
            authenticator: Authenticator(settings: configuration.authentication),
            retryAfterSeconds: configuration.faults.retryAfterSeconds)
        let sources = SourceEndpoints(
            records: SourceRecords(seed: configuration.seed, systems: configuration.sources, start: Date()), state: state,
            faults: FaultInjector(faults: configuration.sources.faults, seed: configuration.seed &+ 1), systems: configuration.sources)
        var services: [any Service] = pusher.map { [$0] } ?? []
        if let caller = configuration.webhookCaller { services.append(WebhookCaller(settings: caller, seed: configuration.seed)) }
        let port = configuration.port
        var logger = Logger(label: "sgw-simulator")
        logger.logLevel = quiet ? .critical : .info
        return Application(
            router: SimulatorRoutes.router(endpoints, sources: sources),
            configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "sgw-simulator"),
            services: services,
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) },
            logger: quiet ? logger : nil)
    }
}
