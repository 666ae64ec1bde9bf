public import Foundation
public import SGWCore
public import SGWStore

/// The delivery workers of a set of destinations and the HTTP clients they own, closed when a run ends however it
/// ends: `sgw deliver`, `sgw demo` and `sgw serve`'s delivery service run them.
public struct DeliverySession: Sendable {
    /// The workers.
    public let runner: DeliveryRunner
    let clients: [PlatformClient]
    let store: any DeliveryQueue & ClaimsStore
    let planner: DeliveryPlanner
    let clock: @Sendable () -> Date
    let progress: @Sendable (String) -> Void

    /// Workers for `destinations`; `clock` is the time the deadlines are judged by, `progress` gets a line now and then.
    public init(destinations: [DestinationSpec], store: any DeliveryQueue & ClaimsStore, planner: DeliveryPlanner,
                clock: @escaping @Sendable () -> Date = { Date() }, progress: @escaping @Sendable (String) -> Void = { _ in }) throws {
        self.store = store
        self.planner = planner
        self.clock = clock
        self.progress = progress
        clients = try destinations.filter { $0.package == nil }.map(PlatformClient.init)
        runner = DeliveryRunner(store: store, clients: clients, packagers: destinations.compactMap(OfflinePackager.init),
                                planner: planner, clock: clock, progress: progress)
    }

    /// Workers for `destinations`, their deadlines counted by `calendar` and `profiles`.
    public init(destinations: [DestinationSpec], store: any DeliveryQueue & ClaimsStore, calendar: WorkingCalendar, profiles: ProfileCatalog,
                clock: @escaping @Sendable () -> Date = { Date() }, progress: @escaping @Sendable (String) -> Void = { _ in }) throws {
        try self.init(destinations: destinations, store: store,
                      planner: DeliveryPlanner(calculator: DeadlineCalculator(calendar: calendar, profiles: profiles), destinations: destinations),
                      clock: clock, progress: progress)
    }

    /// Runs the workers (`DeliveryRunner.run`), then closes the HTTP clients whatever happened. Deadlines counted over
    /// a year whose calendar was not loaded are counted again first: the calendar loaded now may hold that year.
    public func run(untilIdle: Bool, maxWait: TimeInterval?) async throws -> DeliveryRunner.Outcome {
        do {
            let recounted = try await blockingCall { [store, planner, clock] in
                try store.recountProvisional(now: clock(), loadedYears: planner.calculator.calendar.loadedYears) {
                    planner.replan($0, acknowledgedAt: $1)
                }
            }
            if recounted > 0 {
                progress("\(recounted) provisional deadlines counted again with the calendar years now loaded (see each message's history)")
            }
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
