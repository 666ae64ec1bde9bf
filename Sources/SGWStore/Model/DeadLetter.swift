public import SGWCore
public import Foundation

/// A dead letter: a delivery parked after a permanent failure, with what was sent and answered.
public struct DeadLetter: Sendable {
    /// The delivery's id (what `sgw deadletters show|replay` take).
    public var deliveryID: Int64
    /// The message.
    public var messageID: MessageID
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
