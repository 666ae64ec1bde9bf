import Foundation
public import Logging
import SGWCore
public import SGWPipeline
public import SGWStore
public import ServiceLifecycle

/// The delivery workers and the claims follower as a service: `DeliveryRunner` without end. On shutdown (or a
/// reload) the wave in flight is cancelled: its requests are reported as unanswered and committed as retries, so
/// nothing waits for a lease to expire; the HTTP clients are closed either way.
public struct DeliveryWorkers: Service {
    let runner: DeliveryRunner
    let clients: [PlatformClient]
    let store: any MessageStore
    let planner: DeliveryPlanner
    let logger: Logger

    /// Workers for `destinations`.
    public init(destinations: [DestinationSpec], store: any MessageStore, planner: DeliveryPlanner, logger: Logger) throws {
        self.store = store
        self.planner = planner
        self.logger = logger
        clients = try destinations.filter { $0.package == nil }.map(PlatformClient.init)
        runner = DeliveryRunner(store: store, clients: clients, packagers: destinations.compactMap(OfflinePackager.init),
                                planner: planner, progress: { logger.info("\(Masking.text($0))") })
    }

    public func run() async throws {
        // Deadlines counted over a year whose calendar was not loaded are counted again with the calendar in force.
        let recounted = try await blockingCall { [store, planner] in
            try store.recountProvisional(now: Date(), loadedYears: planner.calculator.calendar.loadedYears) { planner.replan($0, acknowledgedAt: $1) }
        }
        if recounted > 0 { logger.info("\(recounted) provisional deadlines counted again with the calendar years now loaded") }
        do {
            try await cancelWhenGracefulShutdown {
                _ = try await runner.run(untilIdle: false, maxWait: nil)
            }
        } catch is CancellationError {
            // A shutdown or a reload: not a failure.
        }
        for c in clients { try? await c.shutdown() }
    }
}
