public import Hummingbird
import NIOCore
public import SGWCore

/// The platform simulator: one HTTP server on 127.0.0.1 playing the interaction and the credit platform of
/// docs/platform-api.md, with seeded claims and faults.
public enum Simulator {
    /// The Hummingbird application for `configuration`. `onListening` gets the real port once the server
    /// listens (the chosen one when the configuration says 0). Throws when the record file cannot be created.
    public static func application(
        _ configuration: SimulatorConfiguration,
        calendar: WorkingCalendar? = nil,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let calendar = calendar ?? ((try? WorkingCalendar.load()) ?? WorkingCalendar(years: []))
        let planner = ClaimPlanner(seed: configuration.seed, claims: configuration.claims, calendar: calendar)
        let endpoints = PlatformEndpoints(
            state: PlatformState(planner: planner),
            faults: FaultInjector(faults: configuration.faults, seed: configuration.seed),
            recorder: try RequestRecorder(path: configuration.recordPath),
            authenticator: Authenticator(settings: configuration.authentication),
            retryAfterSeconds: configuration.faults.retryAfterSeconds)
        let port = configuration.port
        return Application(
            router: SimulatorRoutes.router(endpoints),
            configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "sgw-simulator"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) })
    }
}
