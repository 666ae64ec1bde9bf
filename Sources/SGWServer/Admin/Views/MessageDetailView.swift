public import Foundation

/// `GET /api/v1/messages/{id}`: a message with its whole history: every version of its record (corrections), its
/// deliveries (attempts, receipt), its deadlines (claim, feedback; who claimed, auto-claimed or is late), the claim and
/// dispute events, and one timeline of it all, oldest first.
public struct MessageDetailView: Encodable, Sendable {
    /// A version of the record.
    public struct Version: Encodable, Sendable, Hashable {
        public var id: String
        public var version: Int
        public var receivedAt: Date
        public var contentHash: String
        public var source: String
        /// Whether it is the version asked for.
        public var this: Bool
    }

    /// A claim or dispute event.
    public struct Event: Encodable, Sendable, Hashable {
        public var kind: String, department: String
        public var reason: String?
        public var at: Date
        public var source: String
        public var recordedAt: Date
    }

    /// A line of the timeline: a history event (`ingested`, `version`, `delivered`, `attempt-failed`, `dead-letter`,
    /// `claimed`, `auto-claimed`, `disputed` …) or a planned deadline (`due`).
    public struct Entry: Encodable, Sendable, Hashable {
        public var at: Date
        public var event: String
        public var detail: String
    }

    public var message: MessageView
    public var versions: [Version]
    public var deliveries: [DeliveryView]
    public var deadlines: [DeadlineView]
    public var events: [Event]
    public var timeline: [Entry]
}
