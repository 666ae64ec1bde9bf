public import Foundation

/// Delivery figures for `sgw status`.
public struct DeliveryStatus: Sendable {
    /// Per destination: pending (due or waiting), leased, delivered, dead letters, the oldest due item's deadline.
    public struct Queue: Sendable {
        public var destination: String
        public var pending = 0, leased = 0, delivered = 0, deadLetters = 0
        /// Delivered after their deadline.
        public var deliveredLate = 0
        /// The earliest deadline still open, and the message it belongs to.
        public var oldestDueAt: Date?
        public var oldestMessageID: String?
    }
    /// The queues.
    public var queues: [Queue]
    /// Undelivered with less than one working day left.
    public var atRisk: Int
    /// Undelivered past their deadline.
    public var overdue: Int
    /// Credit records at risk or overdue (the 7-working-day rule).
    public var creditAtRisk: Int, creditOverdue: Int
    /// Claims: open (running), claimed in time, auto-claimed, overdue (late and still open), claimed late; disputes.
    public var claimsOpen: Int, claimed: Int, autoClaimed: Int, disputes: Int
    public var claimsOverdue = 0, claimedLate = 0
    /// Deadlines past due and still waiting, per duty and department that is late, most first.
    public var overdueByDepartment: [OverdueCount] = []
    /// Open deadlines counted into a year whose calendar is not loaded, per year: they are a guess until the notice is.
    public var provisionalOpen: [ProvisionalCount] = []

    /// Messages pushed under an "at once" duty that reached sgw a day or more after their decision, per source: the
    /// 30-minute target runs from receipt, so the department system that exported late is the late party
    /// (周村 art. 15 「推送…不及时」).
    public var lateExports: [LateExport] = []

    /// Per duty and message kind: deliveries (delivered, of them late, still open) and deadlines by state, so that
    /// every duty a profile sets can be seen acted on.
    public var duties: [DutyFigures] = []

    /// One duty's figures for one kind of message.
    public struct DutyFigures: Sendable, Hashable {
        public var duty: String, kind: String
        public var delivered = 0, deliveredLate = 0, undelivered = 0
        /// Deadlines by state (`open`, `claimed`, `overdue`, `verified` …).
        public var deadlines: [String: Int] = [:]
        public init(duty: String, kind: String) {
            self.duty = duty
            self.kind = kind
        }

        /// One line: `3 delivered (1 after its deadline), 0 not yet; deadlines: 2 auto-claimed, 1 overdue`.
        public var summary: String {
            var parts: [String] = []
            if delivered + undelivered > 0 {
                parts.append("\(delivered) delivered (\(deliveredLate) after their deadline), \(undelivered) not yet")
            }
            if !deadlines.isEmpty {
                parts.append("deadlines: " + deadlines.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
            }
            return parts.joined(separator: "; ")
        }
    }

    /// Change requests (函告): how many, how many a decision of the approval bureau answers (by the request's document
    /// number), and how many such decisions were delivered back to the requesting department.
    public var changeRequests = 0, changeRequestsAnswered = 0, changeDecisionsDelivered = 0

    /// Late exports of one adapter (a department's system) and message kind.
    public struct LateExport: Sendable, Hashable {
        public var adapter: String, kind: String
        /// How many, and the longest time from decision date to receipt, in calendar days.
        public var count: Int, maxDays: Int
        public init(adapter: String, kind: String, count: Int, maxDays: Int) {
            self.adapter = adapter
            self.kind = kind
            self.count = count
            self.maxDays = maxDays
        }
    }

    /// Overdue deadlines of one duty that one department answers for.
    public struct OverdueCount: Sendable, Hashable {
        public var duty: String, department: String, count: Int
        public init(duty: String, department: String, count: Int) {
            self.duty = duty
            self.department = department
            self.count = count
        }
    }

    /// Open deadlines (and undelivered deliveries) that fall in a year whose calendar is not loaded.
    public struct ProvisionalCount: Sendable, Hashable {
        public var year: Int, deadlines: Int, deliveries: Int
        public init(year: Int, deadlines: Int, deliveries: Int) {
            self.year = year
            self.deadlines = deadlines
            self.deliveries = deliveries
        }
    }
    /// Licensing decisions (approvals) with no 双公示 licence record of the same key: their mapping derives none
    /// (or cannot), so nothing of theirs goes to the credit platform. Shown so that the gap is never silent.
    public var approvalsWithoutCredit: Int
}
