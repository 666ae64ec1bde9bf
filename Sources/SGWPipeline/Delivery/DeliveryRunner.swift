public import Foundation
import SGWCore
public import SGWStore

/// Runs the delivery workers side by side: an `HTTPDeliveryWorker` per platform destination, a `PackageDeliveryWorker`
/// per offline-package destination, and the `ClaimsFollower` (claims feeds, deadlines that fell due: auto-claims).
/// Each worker leases its due deliveries earliest deadline first, the leases committed before anything is sent.
public struct DeliveryRunner: Sendable {
    /// Counts of one run, per destination.
    public struct Summary: Sendable {
        public var destination: String
        public var attempts = 0, delivered = 0, duplicates = 0, retries = 0, deadLetters = 0, stale = 0
        /// Leases given back unsent because they would have run out before an answer (a slow platform).
        public var returned = 0
        /// What is left when the run stopped.
        public var backlog = DeliveryBacklog(due: 0, waiting: 0, leased: 0, nextDueAt: nil)

        /// Counts committed reports by what the store did with them.
        mutating func count(_ reports: [DeliveryReport], _ actions: [DeliveryStateMachine.Action]) {
            attempts += reports.count { $0.event != .unsent }
            for (report, action) in zip(reports, actions) {
                switch action {
                case .recordDelivered:
                    delivered += 1
                    if report.duplicate { duplicates += 1 }
                case .retry: retries += 1
                case .park: deadLetters += 1
                case .ignore: stale += 1
                case .release: returned += 1
                case .send: break
                }
            }
        }
    }

    /// What a run did.
    public struct Outcome: Sendable {
        public var destinations: [Summary]
        /// Claim and feedback events recorded.
        public var events = 0
        /// Deadlines closed by sgw (auto-claims, feedback windows).
        public var closed: [ClosedDeadline] = []
        /// Claims feeds that could not be read.
        public var feedErrors: [ClaimsFeedError] = []
    }

    let store: any DeliveryQueue & ClaimsStore
    let clients: [PlatformClient]
    let packagers: [OfflinePackager]
    let planner: DeliveryPlanner
    let clock: @Sendable () -> Date
    let progress: @Sendable (String) -> Void

    /// A runner; `clock` is the time the deadlines are judged by (the real time, or a drill's), `progress` gets a
    /// line now and then.
    public init(store: any DeliveryQueue & ClaimsStore, clients: [PlatformClient], packagers: [OfflinePackager] = [], planner: DeliveryPlanner,
                clock: @escaping @Sendable () -> Date = { Date() }, progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.store = store
        self.clients = clients
        self.packagers = packagers
        self.planner = planner
        self.clock = clock
        self.progress = progress
    }

    /// Delivers until nothing is pending (`untilIdle`), or until `maxWait` seconds passed, or forever.
    public func run(untilIdle: Bool, maxWait: TimeInterval?) async throws -> Outcome {
        let stopAt = maxWait.map { Date().addingTimeInterval($0) }
        var outcome = Outcome(destinations: [])
        let claims = ClaimsFollower(store: store, clients: clients, clock: clock, profiles: planner.calculator.profiles)
        /// What each task of the group gives back.
        enum Part: Sendable { case destination(Summary), claims(ClaimsFollower.Round) }
        try await withThrowingTaskGroup(of: Part.self) { group in
            for client in clients {
                let worker = HTTPDeliveryWorker(store: store, client: client, planner: planner, clock: clock, progress: progress)
                group.addTask { .destination(try await worker.run(untilIdle: untilIdle, stopAt: stopAt)) }
            }
            for packager in packagers {
                let worker = PackageDeliveryWorker(store: store, packager: packager, planner: planner, clock: clock, progress: progress)
                group.addTask { .destination(try await worker.run(untilIdle: untilIdle, stopAt: stopAt)) }
            }
            if !untilIdle {
                // Claims and deadlines keep running beside the workers.
                group.addTask { [progress] in .claims(try await claims.follow(until: stopAt, progress: progress)) }
            }
            for try await part in group {
                switch part {
                case .destination(let summary): outcome.destinations.append(summary)
                case .claims(let round):
                    outcome.events += round.events
                    outcome.closed += round.closed
                }
            }
        }
        // A last look at the feeds and the deadlines, after the last delivery. Within the wait: once it is over, only
        // the deadlines that fell due are closed (the store's work); the feeds are read on the next run.
        if let last = try await BoundedWait.run(until: stopAt, { try await claims.round() }) {
            outcome.events += last.events
            outcome.closed += last.closed
            outcome.feedErrors = last.errors
        } else {
            outcome.closed += try await blockingCall { [store, clock, planner] in try store.closeDueDeadlines(now: clock(), profiles: planner.calculator.profiles) }
        }
        outcome.destinations.sort { $0.destination < $1.destination }
        return outcome
    }
}
