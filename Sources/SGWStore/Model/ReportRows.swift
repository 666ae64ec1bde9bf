public import Foundation

/// The rows behind an accountability report: one per delivery and one per deadline of the messages a `ReportQuery`
/// selects. The report classifies them; each count it shows is a list of these rows' message ids.
public struct ReportRows: Sendable, Hashable {
    /// The message a row belongs to.
    public struct Message: Sendable, Hashable {
        public var id: String, kind: String, profile: String
        /// `MessageBody.department`: the supervising department of an approval, the sending department of
        /// supervision information; nil when the message names none.
        public var department: String?
        public var receivedAt: Date
        /// A row of the message.
        public init(id: String, kind: String, profile: String, department: String?, receivedAt: Date) {
            self.id = id
            self.kind = kind
            self.profile = profile
            self.department = department
            self.receivedAt = receivedAt
        }
    }

    /// One delivery: a push to a platform or an offline package, or a credit record.
    public struct Delivery: Sendable, Hashable {
        public var message: Message
        public var duty: String, destination: String
        /// `pending`, `leased`, `delivered` or `dead`.
        public var state: String
        public var dueAt: Date?, deliveredAt: Date?
        /// A dead letter's code (`incomplete-record` for a held credit record).
        public var deadLetterCode: String?
        /// A delivery row.
        public init(message: Message, duty: String, destination: String, state: String, dueAt: Date?, deliveredAt: Date?,
                    deadLetterCode: String?) {
            self.message = message
            self.duty = duty
            self.destination = destination
            self.state = state
            self.dueAt = dueAt
            self.deliveredAt = deliveredAt
            self.deadLetterCode = deadLetterCode
        }
    }

    /// One deadline: a claim, a feedback window, a verification.
    public struct Deadline: Sendable, Hashable {
        public var message: Message
        public var duty: String
        /// A `ClaimRules.State` raw value.
        public var state: String
        public var dueAt: Date, closedAt: Date?
        /// Who closed it; for an auto-claimed or overdue deadline, the department that answers for it.
        public var closedBy: String?
        /// A deadline row.
        public init(message: Message, duty: String, state: String, dueAt: Date, closedAt: Date?, closedBy: String?) {
            self.message = message
            self.duty = duty
            self.state = state
            self.dueAt = dueAt
            self.closedAt = closedAt
            self.closedBy = closedBy
        }
    }

    /// How many messages the query selects (some may have neither delivery nor deadline).
    public var messages: Int
    public var deliveries: [Delivery]
    public var deadlines: [Deadline]

    /// Rows.
    public init(messages: Int, deliveries: [Delivery], deadlines: [Deadline]) {
        self.messages = messages
        self.deliveries = deliveries
        self.deadlines = deadlines
    }
}
