internal import Foundation
import SGWCore

/// Everything the simulated platforms remember: the receipts by idempotency key, the claim events planned and
/// shown, the simulator's clock offset, and counts for tests.
actor PlatformState {
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

    private var receipts: [Platform: [String: String]] = [:]
    private var issued: [Platform: Int] = [:]
    private var offsetSeconds: Double = 0
    /// Planned events not yet visible.
    private var pending = PendingEvents()
    /// Visible events; seq is assigned when an event becomes visible, so the feed never grows behind a reader.
    private var feed: [FeedEvent] = []
    private var counts = SimulatorStats()
    private let planner: ClaimPlanner

    /// A fresh platform pair.
    init(planner: ClaimPlanner) { self.planner = planner }

    /// The simulator's clock: real now plus the offset `POST /_sim/clock` added.
    func now() -> Date { Date().addingTimeInterval(offsetSeconds) }

    /// Moves the clock forward by `seconds`; answers the new time and the total offset.
    func advanceClock(by seconds: Double) -> (now: Date, offsetSeconds: Double) {
        offsetSeconds += seconds
        return (now(), offsetSeconds)
    }

    /// The receipt `id` got when it was accepted before, counted as a duplicate; nil for a new id.
    func duplicateReceipt(for id: String, on platform: Platform) -> String? {
        guard let first = receipts[platform]?[id] else { return nil }
        counts.duplicates += 1
        return first
    }

    /// Accepts `submission` unless its id was accepted before; plans its claims on first acceptance.
    func submit(_ submission: Submission, on platform: Platform) -> Outcome {
        if let first = receipts[platform]?[submission.id] {
            counts.duplicates += 1
            return .duplicate(receipt: first)
        }
        let number = issued[platform, default: 0] + 1
        issued[platform] = number
        let receipt = platform.receiptPrefix + "-" + String(repeating: "0", count: max(0, 6 - String(number).count))
            + String(number)
        receipts[platform, default: [:]][submission.id] = receipt
        counts.accepted[platform.rawValue, default: 0] += 1
        if let department = submission.department {
            for event in planner.plan(messageId: submission.id, department: department, acceptedAt: now()) {
                pending.add(event)
            }
        }
        return .accepted(receipt: receipt)
    }

    /// The visible events after `after`, oldest first, at most `limit`.
    func events(after: Int, limit: Int) -> [FeedEvent] {
        release()
        // seq is the position in the feed plus one.
        let start = min(max(after, 0), feed.count)
        return Array(feed[start..<min(feed.count, start + max(limit, 0))])
    }

    /// Counts a body refused.
    func countRejected() { counts.rejected += 1 }

    /// Counts a request refused for missing or wrong credentials.
    func countUnauthorized() { counts.unauthorized += 1 }

    /// Counts an injected fault by its record result (`fault:drop` …).
    func countFault(_ result: String) { counts.faults[result, default: 0] += 1 }

    /// The counts so far, with the feed brought up to the clock.
    func stats() -> SimulatorStats {
        release()
        var s = counts
        s.eventsVisible = feed.count
        s.eventsPending = pending.count
        return s
    }

    /// Moves every pending event whose time has come into the feed.
    private func release() {
        for event in pending.release(dueBy: now()) { feed.append(FeedEvent(seq: feed.count + 1, event: event)) }
    }
}
