public import Foundation
import Synchronization
import SGWCore
public import SGWStore

/// Runs the delivery workers: per destination, lease the due deliveries earliest deadline first (the leases are
/// committed before any request), send them with bounded concurrency, and commit the reports in one transaction per
/// wave; poll the claims feeds; close the deadlines that fell due (auto-claims).
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
        public var feedErrors: [String] = []
    }

    let store: any MessageStore
    let clients: [PlatformClient]
    let packagers: [OfflinePackager]
    let planner: DeliveryPlanner
    let clock: @Sendable () -> Date
    let progress: @Sendable (String) -> Void

    /// A runner; `clock` is the time the deadlines are judged by (the real time, or a drill's), `progress` gets a
    /// line now and then.
    public init(store: any MessageStore, clients: [PlatformClient], packagers: [OfflinePackager] = [], planner: DeliveryPlanner,
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
        /// What each task of the group gives back.
        enum Part: Sendable { case destination(Summary), claims(events: Int, closed: [ClosedDeadline]) }
        try await withThrowingTaskGroup(of: Part.self) { group in
            for client in clients {
                group.addTask { .destination(try await deliver(client, untilIdle: untilIdle, stopAt: stopAt)) }
            }
            for packager in packagers {
                group.addTask { .destination(try await packages(packager, untilIdle: untilIdle, stopAt: stopAt)) }
            }
            if !untilIdle {
                group.addTask {
                    // Claims and deadlines keep running beside the workers; a feed that cannot be read is reported
                    // each time, not only at the end.
                    var events = 0
                    var closed: [ClosedDeadline] = []
                    while stopAt.map({ Date() < $0 }) ?? true, !Task.isCancelled {
                        guard let round = try await BoundedWait.run(until: stopAt, { try await followClaims() }) else { break }
                        events += round.events
                        closed += round.closed
                        for e in round.errors { progress("warning: \(e)") }
                        try await BoundedWait.sleep(seconds: clients.map(\.spec.claimsIntervalSeconds).min() ?? 60, until: stopAt)
                    }
                    return .claims(events: events, closed: closed)
                }
            }
            for try await part in group {
                switch part {
                case .destination(let summary): outcome.destinations.append(summary)
                case .claims(let events, let closed):
                    outcome.events += events
                    outcome.closed += closed
                }
            }
        }
        // A last look at the feeds and the deadlines, after the last delivery. Within the wait: once it is over, only
        // the deadlines that fell due are closed (the store's work); the feeds are read on the next run.
        if let (events, closed, errors) = try await BoundedWait.run(until: stopAt, { try await followClaims() }) {
            outcome.events += events
            outcome.closed += closed
            outcome.feedErrors = errors
        } else {
            outcome.closed += try await blockingCall { [store, clock, planner] in try store.closeDueDeadlines(now: clock(), profiles: planner.calculator.profiles) }
        }
        outcome.destinations.sort { $0.destination < $1.destination }
        return outcome
    }

    /// One destination's worker loop: while a wave is sent, the previous wave's reports are committed and the next
    /// wave is leased, in one transaction. The store's work and the network's overlap instead of taking turns; every
    /// lease is still committed before its request, and every report after its answer.
    func deliver(_ client: PlatformClient, untilIdle: Bool, stopAt: Date?) async throws -> Summary {
        let spec = client.spec
        let machine = DeliveryStateMachine(configuration: spec.retry)
        var summary = Summary(destination: spec.platform)
        // A wave: enough deliveries to keep every connection busy several times over (8 rounds of requests, at most
        // 2,048 deliveries or one round: two waves are held at a time), one commit for the lot. Larger waves commit
        // less often; a request whose lease could run out before its answer is not sent but given back (see `send`).
        let round = spec.concurrency * spec.batchSize
        let waveSize = max(round, min(round * 8, 2048))
        var lastProgress = Date()
        var leased: [DeliveryLease] = []
        var unfinished: [DeliveryReport] = []
        var stopping = false
        repeat {
            stopping = stopping || Task.isCancelled || stopAt.map { Date() >= $0 } ?? false
            let (reports, finishing) = (unfinished, stopping)
            // The last wave's reports and the next wave's leases, in one transaction.
            async let exchanged = blockingCall { [store, clock] in
                finishing ? (try store.complete(reports, now: clock(), machine: machine), [])
                    : try store.complete(reports, thenLease: spec.queue, limit: waveSize, now: clock(), machine: machine)
            }
            // A wave is cut at the wait's end, however long its requests' timeout: the requests in flight are
            // reported as retries, the batches not sent yet given back.
            let wave = leased
            let sent = try await BoundedWait.run(until: stopAt) { await send(wave, with: client) } ?? []
            let (actions, following) = try await exchanged
            summary.count(reports, actions)
            DeliveryEvents.committed(destination: spec.name, actions)
            unfinished = sent
            leased = following
            if !stopping, leased.isEmpty, unfinished.isEmpty {
                let backlog = try await blockingCall { [store, clock] in try store.backlog(destinations: [spec.queue], now: clock()) }
                if untilIdle, backlog.isIdle {
                    stopping = true
                } else {
                    let wait = max(0.02, min(1, backlog.nextDueAt.map { $0.timeIntervalSince(clock()) } ?? 1))
                    try await BoundedWait.sleep(seconds: wait, until: stopAt)
                }
            }
            if Date().timeIntervalSince(lastProgress) >= 2 {
                lastProgress = Date()
                progress("\(spec.name): delivered \(summary.delivered), retries \(summary.retries), dead letters \(summary.deadLetters)")
            }
        } while !(stopping && leased.isEmpty && unfinished.isEmpty)
        summary.backlog = try store.backlog(destinations: [spec.queue], now: clock())
        return summary
    }

    /// Sends one wave in batches of the destination's size, at most `concurrency` requests at a time; the reports
    /// of acknowledged interaction messages carry the deadlines that now count from the acknowledgement.
    func send(_ leases: [DeliveryLease], with client: PlatformClient) async -> [DeliveryReport] {
        guard !leases.isEmpty else { return [] }
        let spec = client.spec
        let batches = stride(from: 0, to: leases.count, by: spec.batchSize).map {
            Array(leases[$0..<min(leases.count, $0 + spec.batchSize)])
        }
        var reports: [DeliveryReport] = []
        reports.reserveCapacity(leases.count)
        // A batch is sent only while its leases have a request's timeout left (half the lease when leases are
        // shorter than a timeout): an answer arriving after another worker took the delivery over is harmless (the
        // report is ignored, the platform dedupes by key) but a wasted request. The rest of a wave that a slow
        // platform held up goes back unsent, due again at once.
        let margin = min(spec.timeoutSeconds, spec.retry.leaseDuration / 2)
        // A stopped worker (`sgw serve` on SIGTERM) gives back what it has not sent yet, too.
        let sendable: @Sendable ([DeliveryLease]) -> Bool = { [clock] batch in
            !Task.isCancelled && batch.allSatisfy { $0.until.timeIntervalSince(clock()) > margin }
        }
        // `concurrency` senders, each taking the next batch when its request is answered: a task per connection,
        // not per request.
        let next = BatchCursor()
        await withTaskGroup(of: [DeliveryReport].self) { group in
            for _ in 0..<min(spec.concurrency, batches.count) {
                group.addTask {
                    var done: [DeliveryReport] = []
                    while let i = next.take(below: batches.count) {
                        if sendable(batches[i]) {
                            done += await client.send(batches[i], jitter: { Double.random(in: 0..<1) })
                        } else {
                            let why = Task.isCancelled ? "the run stopped (--max-wait, or sgw was stopped) before it was sent"
                                : "its lease would have run out before an answer (requests took too long)"
                            done += batches[i].map { DeliveryReport(lease: $0, event: .unsent, jitter: 0, detail: why) }
                        }
                    }
                    return done
                }
            }
            for await done in group { reports += done }
        }
        let now = clock()
        for i in reports.indices where reports[i].event == .succeeded && spec.platform == Destination.interaction.rawValue {
            reports[i].restartedDeadlines = planner.deadlinesCountedFromPush(reports[i].lease.message.envelope, acknowledgedAt: now)
        }
        return reports
    }

    /// One offline-package destination: apply the receipts that came back, then write the due messages as one package.
    /// Packaged deliveries stay leased until the recipient confirms; the lease lasts the confirmation window, so an
    /// unconfirmed record goes into a later package (and is late, like any delivery, once its deadline passed).
    func packages(_ packager: OfflinePackager, untilIdle: Bool, stopAt: Date?) async throws -> Summary {
        let spec = packager.spec
        let machine = DeliveryStateMachine(configuration: spec.retry)
        var summary = Summary(destination: spec.name)
        while !Task.isCancelled {
            // Files and the store, off the executor's threads.
            let round = try await blockingCall { [self] in try packageRound(packager, machine: machine) }
            summary.delivered += round.delivered
            summary.deadLetters += round.deadLetters
            summary.retries += round.retries
            summary.attempts += round.attempts
            if untilIdle { break }
            if let stopAt, Date() >= stopAt { break }
            try await BoundedWait.sleep(seconds: 5, until: stopAt)
        }
        summary.backlog = try await blockingCall { [store, clock] in try store.backlog(destinations: [spec.queue], now: clock()) }
        return summary
    }

    /// What one round of an offline-package destination did.
    struct PackageRound {
        var delivered = 0, deadLetters = 0, retries = 0, attempts = 0
    }

    /// One round of an offline-package destination: the receipts that came back, then one package of the due
    /// messages. Blocking: it reads and writes files and the store.
    func packageRound(_ packager: OfflinePackager, machine: DeliveryStateMachine) throws -> PackageRound {
        let spec = packager.spec
        var round = PackageRound()
        let (receipts, unreadable) = packager.pendingReceipts()
        for (path, reason) in unreadable {
            progress("\(path): not a receipt sgw can read (\(reason)); moved to rejected/")
            try packager.archive(receipt: path, into: "rejected")
        }
        for (path, receipt) in receipts {
            let name = (path as NSString).lastPathComponent
            let now = clock()
            guard let package = receipt.package, let tokens = packager.leaseTokens(package: package) else {
                progress("\(spec.name): receipt \(name) names no package of this outbox ('\(receipt.package ?? "")'); moved to rejected/")
                try packager.archive(receipt: path, into: "rejected")
                continue
            }
            // Only the leases this package went out under: a record sent again in a later package waits for
            // that package's receipt.
            func sentHere(_ ids: [String]) throws -> [DeliveryLease] {
                try store.leases(destination: spec.queue, messageIDs: ids).filter { tokens[$0.message.envelope.id.rawValue] == $0.token }
            }
            var reports: [DeliveryReport] = []
            let accepted = Set(receipt.accepted ?? [])
            for lease in try sentHere(accepted.sorted()) {
                reports.append(DeliveryReport(lease: lease, event: .succeeded, jitter: 0, receipt: package,
                                              detail: "confirmed by the recipient's receipt \(name)",
                                              restartedDeadlines: planner.deadlinesCountedFromPush(lease.message.envelope, acknowledgedAt: now)))
            }
            // A record both accepted and rejected counts as accepted (its department has it), and the receipt is
            // flagged to the operator.
            let contradicted = (receipt.rejected ?? []).filter { accepted.contains($0.id) }.count
            if contradicted > 0 {
                progress("warning: \(spec.name): receipt \(name) both accepts and rejects \(contradicted) record(s); counted as accepted")
            }
            let reasons = Dictionary((receipt.rejected ?? []).filter { !accepted.contains($0.id) }.map { ($0.id, $0.reason ?? "no reason given") },
                                     uniquingKeysWith: { a, _ in a })
            for lease in try sentHere(Array(reasons.keys)) {
                let problem = DeliveryProblem.recipientRejected("the recipient rejected it: \(reasons[lease.message.envelope.id.rawValue] ?? "")")
                reports.append(DeliveryReport(lease: lease, event: .failed(.permanent(reason: problem.message)), jitter: 0,
                                              detail: "\(problem.message) (receipt \(name))", problem: problem))
            }
            let known = Set(reports.map(\.lease.message.envelope.id.rawValue))
            let unmatched = accepted.union(reasons.keys).subtracting(known)
            // A receipt speaks for the records its package carried: a claim of any other message is not this
            // recipient's to make here.
            let ownClaims = (receipt.claims ?? []).filter { tokens[$0.id] != nil }
            if ownClaims.count < (receipt.claims ?? []).count {
                progress("\(spec.name): receipt \(name) claims \((receipt.claims ?? []).count - ownClaims.count) record(s) "
                         + "its package did not carry; ignored")
            }
            let claims = ownClaims.map {
                PlatformEvent(messageID: $0.id, kind: .claimed, department: $0.department ?? spec.package?.recipients.first ?? "监管部门",
                              at: $0.at.flatMap(ShanghaiTime.parseInstant) ?? now)
            }
            guard let actions = try store.applyReceipt(destination: spec.name, receipt: package, file: name, reports: reports,
                                                       claims: claims, now: now, machine: machine) else {
                progress("\(spec.name): receipt \(name) for \(package) was applied before; moved to duplicates/")
                try packager.archive(receipt: path, into: "duplicates")
                continue
            }
            if !unmatched.isEmpty {
                progress("\(spec.name): receipt \(name) names \(unmatched.count) record(s) not awaiting this package's receipt "
                         + "(already confirmed, sent again in a later package, or unknown); ignored")
            }
            round.delivered += actions.filter { $0 == .recordDelivered }.count
            round.deadLetters += actions.filter { if case .park = $0 { true } else { false } }.count
            try packager.archive(receipt: path, into: "processed")
            progress("\(spec.name): receipt \(name): \(reports.count) record(s) confirmed or rejected, \(claims.count) claim(s)")
        }
        let now = clock()
        let (records, parked) = OfflinePackager.decode(try store.lease(destination: spec.queue, now: now, limit: 100_000, machine: machine))
        if !parked.isEmpty {
            // A stored message that cannot be read is parked alone; the rest go into the package.
            round.deadLetters += try store.complete(parked, now: now, machine: machine).filter { if case .park = $0 { true } else { false } }.count
        }
        let leases = records.map(\.lease)
        if !leases.isEmpty {
            let folder: String
            do {
                folder = try packager.write(records, now: now)
            } catch {
                // No package exists: give the records back for a retry instead of holding them for the whole
                // confirmation window.
                progress("warning: \(spec.name): the package could not be written (\(error)); the records are retried")
                let problem = DeliveryProblem.packageNotWritten("the package could not be written: \(error)")
                _ = try store.complete(leases.map {
                    DeliveryReport(lease: $0, event: .failed(.transient(reason: problem.message, retryAfter: 60)), jitter: 0,
                                   detail: problem.message, problem: problem)
                }, now: now, machine: machine)
                round.retries += leases.count
                return round
            }
            round.attempts += leases.count
            try store.appendHistory(leases.map {
                (messageID: $0.message.envelope.id.rawValue, event: "packaged",
                 detail: "\(spec.name) attempt \($0.attempt): written to the offline package \(folder); awaiting the recipient's receipt")
            }, at: now)
            progress("\(spec.name): package \(folder) with \(leases.count) record(s)")
        }
        return round
    }

    /// Reads every claims feed to its end, records the events, and closes the deadlines that fell due.
    func followClaims() async throws -> (events: Int, closed: [ClosedDeadline], errors: [String]) {
        var events = 0
        var errors: [String] = []
        for client in clients where client.spec.claimsURL != nil {
            let source = client.spec.name
            do {
                while true {
                    let cursor = try await blockingCall { [store] in try store.eventCursor(source: source) }
                    let (batch, next) = try await client.claims(after: cursor)
                    try await blockingCall { [store, clock] in try store.record(batch, source: source, cursor: next > cursor ? next : nil, now: clock()) }
                    events += batch.count
                    // A feed that does not move its cursor (no seq, `after` ignored) is read once per round, not in a loop.
                    guard next > cursor, !batch.isEmpty else { break }
                }
            } catch let error as CancellationError {
                throw error
            } catch {
                errors.append("\(source): \(error)")
            }
        }
        let closed = try await blockingCall { [store, clock, planner] in try store.closeDueDeadlines(now: clock(), profiles: planner.calculator.profiles) }
        return (events, closed, errors)
    }
}

/// Hands out the batches of a wave in order to the senders that share it.
final class BatchCursor: Sendable {
    private let next = Mutex(0)

    /// The next index below `count`, or nil when none is left.
    func take(below count: Int) -> Int? {
        next.withLock { i in
            guard i < count else { return nil }
            defer { i += 1 }
            return i
        }
    }
}
