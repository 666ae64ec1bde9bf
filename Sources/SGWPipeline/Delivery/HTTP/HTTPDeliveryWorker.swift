import Foundation
import SGWCore
import SGWStore

/// The worker of one HTTP destination: while a wave is sent, the previous wave's reports are committed and the next
/// wave is leased, in one transaction. The store's work and the network's overlap instead of taking turns; every
/// lease is still committed before its request, and every report after its answer.
struct HTTPDeliveryWorker: Sendable {
    let store: any DeliveryQueue
    let client: PlatformClient
    let planner: DeliveryPlanner
    let clock: @Sendable () -> Date
    let progress: @Sendable (String) -> Void

    /// Delivers until nothing is pending (`untilIdle`), or until `stopAt`, or until cancelled.
    func run(untilIdle: Bool, stopAt: Date?) async throws -> DeliveryRunner.Summary {
        let spec = client.spec
        let machine = DeliveryStateMachine(configuration: spec.retry)
        var summary = DeliveryRunner.Summary(destination: spec.platform)
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
            let sent = try await BoundedWait.run(until: stopAt) { await send(wave) } ?? []
            let (actions, following) = try await exchanged
            summary.count(reports, actions)
            DeliveryEvents.committed(destination: spec.name, actions)
            unfinished = sent
            leased = following
            if !stopping, leased.isEmpty, unfinished.isEmpty {
                let left = try await backlog()
                if untilIdle, left.isIdle {
                    stopping = true
                } else {
                    let wait = max(0.02, min(1, left.nextDueAt.map { $0.timeIntervalSince(clock()) } ?? 1))
                    try await BoundedWait.sleep(seconds: wait, until: stopAt)
                }
            }
            if Date().timeIntervalSince(lastProgress) >= 2 {
                lastProgress = Date()
                progress("\(spec.name): delivered \(summary.delivered), retries \(summary.retries), dead letters \(summary.deadLetters)")
            }
        } while !(stopping && leased.isEmpty && unfinished.isEmpty)
        summary.backlog = try await backlog()
        return summary
    }

    /// What is left of this destination's queue.
    func backlog() async throws -> DeliveryBacklog {
        try await blockingCall { [store, clock, queue = client.spec.queue] in try store.backlog(destinations: [queue], now: clock()) }
    }

    /// Sends one wave in batches of the destination's size, at most `concurrency` requests at a time; the reports
    /// of acknowledged interaction messages carry the deadlines that now count from the acknowledgement.
    func send(_ leases: [DeliveryLease]) async -> [DeliveryReport] {
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
        await withTaskGroup(of: [DeliveryReport].self) { [client] group in
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
}
