internal import Foundation
import SGWCore
import Synchronization

/// Everything the simulated platforms remember: the receipts by idempotency key, the claim events planned and
/// shown, the simulator's clock offset, and counts for tests.
///
/// A class behind a mutex, not an actor: every request touches it once or twice, and each call into an actor
/// was a task switch (6% of the simulator's CPU in `perf`); the work under the lock is a dictionary lookup.
final class PlatformState: Sendable {
    /// What a submission came to.
    enum Outcome: Sendable, Equatable {
        /// First time this key was seen.
        case accepted(receipt: String)
        /// The key was seen before: the first receipt, nothing else changed.
        case duplicate(receipt: String)
    }

    /// A claim-feed event with its sequence number.
    struct FeedEvent: Sendable {
        /// Position in the feed, from 1.
        var seq: Int
        /// The event.
        var event: ClaimPlanner.PlannedEvent
    }

    /// What the lock guards.
    private struct Memory {
        var receipts: [Platform: [String: String]] = [:]
        var issued: [Platform: Int] = [:]
        var offsetSeconds: Double = 0
        /// Planned events not yet visible.
        var pending = PendingEvents()
        /// Visible events; seq is assigned when an event becomes visible, so the feed never grows behind a reader.
        var feed: [FeedEvent] = []
        var counts = SimulatorStats()

        func now() -> Date { Date().addingTimeInterval(offsetSeconds) }

        /// Moves every pending event whose time has come into the feed.
        mutating func release() {
            for event in pending.release(dueBy: now()) { feed.append(FeedEvent(seq: feed.count + 1, event: event)) }
        }
    }

    private let memory = Mutex(Memory())
    private let planner: ClaimPlanner

    /// A fresh platform pair.
    init(planner: ClaimPlanner) { self.planner = planner }

    /// The simulator's clock: real now plus the offset `POST /_sim/clock` added.
    func now() -> Date { memory.withLock { $0.now() } }

    /// Moves the clock forward by `seconds`; answers the new time and the total offset.
    func advanceClock(by seconds: Double) -> (now: Date, offsetSeconds: Double) {
        memory.withLock {
            $0.offsetSeconds += seconds
            return ($0.now(), $0.offsetSeconds)
        }
    }

    /// The receipt `id` got when it was accepted before, counted as a duplicate; nil for a new id.
    func duplicateReceipt(for id: String, on platform: Platform) -> String? {
        memory.withLock {
            guard let first = $0.receipts[platform]?[id] else { return nil }
            $0.counts.duplicates += 1
            return first
        }
    }

    /// Accepts `submission` unless its id was accepted before; plans its claims on first acceptance.
    func submit(_ submission: Submission, on platform: Platform) -> Outcome {
        let (outcome, acceptedAt): (Outcome, Date?) = memory.withLock {
            if let first = $0.receipts[platform]?[submission.id] {
                $0.counts.duplicates += 1
                return (.duplicate(receipt: first), nil)
            }
            let number = $0.issued[platform, default: 0] + 1
            $0.issued[platform] = number
            let receipt = platform.receiptPrefix + "-" + String(repeating: "0", count: max(0, 6 - String(number).count))
                + String(number)
            $0.receipts[platform, default: [:]][submission.id] = receipt
            $0.counts.accepted[platform.rawValue, default: 0] += 1
            return (.accepted(receipt: receipt), $0.now())
        }
        // Planning counts working days: done outside the lock (a pure function of the id and the time).
        if let acceptedAt, let department = submission.department {
            let events = planner.plan(messageId: submission.id, department: department, acceptedAt: acceptedAt)
            if !events.isEmpty {
                memory.withLock { for event in events { $0.pending.add(event) } }
            }
        }
        return outcome
    }

    /// The visible events after `after`, oldest first, at most `limit`.
    func events(after: Int, limit: Int) -> [FeedEvent] {
        memory.withLock {
            $0.release()
            // seq is the position in the feed plus one.
            let start = min(max(after, 0), $0.feed.count)
            return Array($0.feed[start..<min($0.feed.count, start + max(limit, 0))])
        }
    }

    /// Counts a body refused.
    func countRejected() { memory.withLock { $0.counts.rejected += 1 } }

    /// Counts a request refused for missing or wrong credentials.
    func countUnauthorized() { memory.withLock { $0.counts.unauthorized += 1 } }

    /// Counts an injected fault by its record result (`fault:drop` …).
    func countFault(_ result: String) { memory.withLock { $0.counts.faults[result, default: 0] += 1 } }

    /// The counts so far, with the feed brought up to the clock.
    func stats() -> SimulatorStats {
        memory.withLock {
            $0.release()
            var s = $0.counts
            s.eventsVisible = $0.feed.count
            s.eventsPending = $0.pending.count
            return s
        }
    }
}
