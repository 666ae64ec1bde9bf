public import Foundation
public import SGWCore
public import SGWStore

/// The delivery workers of a set of destinations and the HTTP clients they own, closed when a run ends however it
/// ends: `sgw deliver`, `sgw demo` and `sgw serve`'s delivery service run them.
public struct DeliverySession: Sendable {
    /// The workers.
    public let runner: DeliveryRunner
    let clients: [PlatformClient]

    /// Workers for `destinations`; `clock` is the time the deadlines are judged by, `progress` gets a line now and then.
    public init(destinations: [DestinationSpec], store: any DeliveryQueue & ClaimsStore, planner: DeliveryPlanner,
                clock: @escaping @Sendable () -> Date = { Date() }, progress: @escaping @Sendable (String) -> Void = { _ in }) throws {
        clients = try destinations.filter { $0.package == nil }.map(PlatformClient.init)
        runner = DeliveryRunner(store: store, clients: clients, packagers: destinations.compactMap(OfflinePackager.init),
                                planner: planner, clock: clock, progress: progress)
    }

    /// Workers for `destinations`, their deadlines counted by `calendar` and `profiles`.
    public init(destinations: [DestinationSpec], store: any DeliveryQueue & ClaimsStore, calendar: WorkingCalendar, profiles: ProfileCatalog,
                clock: @escaping @Sendable () -> Date = { Date() }, progress: @escaping @Sendable (String) -> Void = { _ in }) throws {
        try self.init(destinations: destinations, store: store,
                      planner: DeliveryPlanner(calculator: DeadlineCalculator(calendar: calendar, profiles: profiles)),
                      clock: clock, progress: progress)
    }

    /// Runs the workers (`DeliveryRunner.run`), then closes the HTTP clients whatever happened.
    public func run(untilIdle: Bool, maxWait: TimeInterval?) async throws -> DeliveryRunner.Outcome {
        do {
            let outcome = try await runner.run(untilIdle: untilIdle, maxWait: maxWait)
            await shutdown()
            return outcome
        } catch {
            await shutdown()
            throw error
        }
    }

    private func shutdown() async {
        for c in clients { try? await c.shutdown() }
    }
}
