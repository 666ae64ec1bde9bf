public import Foundation
public import SGWCore

/// A delivery a worker holds: the lease is committed before the request is sent, so a crash mid-request leaves a
/// lease that expires and lets another attempt happen, never a transaction held open across the network.
public struct DeliveryLease: Sendable {
    /// The delivery's id.
    public var id: Int64
    /// Where it goes.
    public var destination: String
    /// The duty whose deadline applies.
    public var duty: String
    /// Its deadline, if the profile sets one.
    public var dueAt: Date?
    /// This attempt's number (1 for the first).
    public var attempt: Int
    /// When the lease runs out: a request must not start unless its answer can come before.
    public var until: Date
    /// Proves the holder: an answer arriving after the lease was taken over is ignored.
    public var token: String
    /// The message to send.
    public var message: LeasedMessage
}

/// A leased delivery's message as stored: envelope, decision date and canonical JSON, the body not decoded. An
/// interaction message goes out as its stored JSON, so nothing needs its fields, and a delivery wave does not decode
/// what it sends as it is. What does need them (a credit record's items, a package's table) calls `decoded()`.
public struct LeasedMessage: Sendable {
    /// The envelope.
    public var envelope: Envelope
    /// The decision's date (stored beside the body).
    public var decisionDate: LocalDate
    /// The body's canonical JSON, as stored.
    public var canonicalBody: [UInt8]

    /// A message as read from the store.
    public init(envelope: Envelope, decisionDate: LocalDate, canonicalBody: [UInt8]) {
        self.envelope = envelope
        self.decisionDate = decisionDate
        self.canonicalBody = canonicalBody
    }

    /// The message with its body decoded; throws when the stored JSON does not read as a message of its kind.
    public func decoded() throws -> CanonicalMessage {
        CanonicalMessage(envelope: envelope, body: try MessageBody(kind: envelope.kind, canonicalJSON: Data(canonicalBody)),
                         canonicalBody: canonicalBody)
    }
}

/// What a worker reports about one leased delivery.
public struct DeliveryReport: Sendable {
    /// The lease it reports on.
    public var lease: DeliveryLease
    /// Success or failure, as the state machine takes it.
    public var event: DeliveryStateMachine.Event
    /// A number in [0, 1) for the backoff's jitter.
    public var jitter: Double
    /// The platform's receipt on success.
    public var receipt: String?
    /// The platform had the message already (a retry after a lost answer): delivered, counted apart.
    public var duplicate = false
    /// What happened, in plain words (`HTTP 503`, `accepted`, `connection refused`).
    public var detail: String
    /// Why it failed, with a stable code; nil on success.
    public var problem: DeliveryProblem?
    /// The request and the answer, kept with a dead letter for the operator.
    public var request: String?
    /// The answer.
    public var response: String?
    /// Deadlines counted from the push (the claim, the feedback window) that start again at the acknowledgement.
    public var restartedDeadlines: [PlannedDeadline]

    /// A report.
    public init(lease: DeliveryLease, event: DeliveryStateMachine.Event, jitter: Double, receipt: String? = nil,
                detail: String, problem: DeliveryProblem? = nil, request: String? = nil, response: String? = nil,
                restartedDeadlines: [PlannedDeadline] = []) {
        self.lease = lease
        self.event = event
        self.jitter = jitter
        self.receipt = receipt
        self.detail = detail
        self.problem = problem
        self.request = request
        self.response = response
        self.restartedDeadlines = restartedDeadlines
    }
}

extension DeliveryReport {
    /// A permanent failure found before any request (the message cannot be sent as it is): a dead letter for `problem`.
    public static func parked(_ lease: DeliveryLease, _ problem: DeliveryProblem, jitter: Double = 0) -> DeliveryReport {
        DeliveryReport(lease: lease, event: .failed(.permanent(reason: problem.message)), jitter: jitter, detail: problem.message,
                       problem: problem)
    }
}

/// What is left to do for some destinations.
public struct DeliveryBacklog: Sendable, Hashable {
    /// Pending deliveries due now.
    public var due: Int
    /// Pending deliveries waiting for their retry time.
    public var waiting: Int
    /// Deliveries held by a worker (or by one that crashed, until the lease expires).
    public var leased: Int
    /// The earliest time something becomes due (a retry, an expiring lease).
    public var nextDueAt: Date?

    /// Counts.
    public init(due: Int, waiting: Int, leased: Int, nextDueAt: Date?) {
        self.due = due
        self.waiting = waiting
        self.leased = leased
        self.nextDueAt = nextDueAt
    }

    /// Nothing pending or held.
    public var isIdle: Bool { due == 0 && waiting == 0 && leased == 0 }
}

/// A dead letter: a delivery parked after a permanent failure, with what was sent and answered.
public struct DeadLetter: Sendable {
    /// The delivery's id (what `sgw deadletters show|replay` take).
    public var deliveryID: Int64
    /// The message.
    public var messageID: String
    /// The message's kind and key.
    public var kind: String, key: String
    /// The destination.
    public var destination: String
    /// Why it was parked, and its stable code (`rejected-body`, `http-permanent`, …).
    public var reason: String
    public var code: String
    /// The attempts made.
    public var attempts: Int
    /// When it was parked.
    public var at: Date
    /// The last request and answer.
    public var request: String?, response: String?
    /// The same delivery's earlier dead letters, which an operator replayed, oldest first (filled by
    /// `deadLetter(deliveryID:)` only).
    public var replayed: [Replayed] = []

    /// An earlier dead letter of the delivery, replayed.
    public struct Replayed: Sendable {
        public var parkedAt: Date, replayedAt: Date, replayedBy: String
        public var code: String, reason: String
        public var request: String?, response: String?
    }
}

/// A claim or feedback event from a platform.
public struct PlatformEvent: Sendable, Hashable {
    /// `claimed` (认领) or `dispute` (反馈意见).
    public enum Kind: String, Sendable, Hashable { case claimed, dispute }
    /// The message it concerns.
    public var messageID: String
    /// What.
    public var kind: Kind
    /// The department.
    public var department: String
    /// The reason of a dispute.
    public var reason: String?
    /// When it happened on the platform.
    public var at: Date

    /// An event.
    public init(messageID: String, kind: Kind, department: String, reason: String? = nil, at: Date) {
        self.messageID = messageID
        self.kind = kind
        self.department = department
        self.reason = reason
        self.at = at
    }
}

/// A deadline sgw itself acted on when it fell due: an auto-claim (视为自动认领), a claim or other duty overdue where the
/// text sets no auto-claim, a feedback window without feedback.
public struct ClosedDeadline: Sendable, Hashable {
    /// What became of it at its deadline.
    public enum State: String, Sendable, Hashable, CaseIterable {
        /// Deemed claimed (视为自动认领); the department that did not claim answers for it.
        case autoClaimed = "auto-claimed"
        /// Not done, and the text sets no auto-claim: it stays open, late, until a late claim.
        case overdue
        /// A feedback window that passed without feedback.
        case closed
        /// A commitment's verification deadline closed by the verification the approval carries (in time or late).
        case verified

        /// The state as `ClaimRules` names it, stored in the deadline's row.
        public init?(_ state: ClaimRules.State) {
            switch state {
            case .autoClaimed: self = .autoClaimed
            case .overdue: self = .overdue
            case .closed: self = .closed
            case .verified, .verifiedLate: self = .verified
            case .open, .claimed, .claimedLate, .disputed: return nil
            }
        }
    }

    /// The message.
    public var messageID: String
    /// The duty.
    public var duty: DutyName
    /// What became of it.
    public var state: State
    /// The department that answers for it (auto-claimed or overdue).
    public var department: String?

    /// A deadline acted on.
    public init(messageID: String, duty: DutyName, state: State, department: String?) {
        self.messageID = messageID
        self.duty = duty
        self.state = state
        self.department = department
    }
}

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
