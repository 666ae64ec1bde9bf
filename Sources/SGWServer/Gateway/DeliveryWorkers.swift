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
    let session: DeliverySession

    /// Workers for `destinations`.
    public init(destinations: [DestinationSpec], store: any MessageStore, planner: DeliveryPlanner, logger: Logger) throws {
        session = try DeliverySession(destinations: destinations, store: store, planner: planner,
                                      progress: { logger.info("\(Masking.text($0))") })
    }

    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                _ = try await session.run(untilIdle: false, maxWait: nil)
            }
        } catch is CancellationError {
            // A shutdown or a reload: not a failure. The session closed its HTTP clients.
        }
    }
}
