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
    public var duty: DutyName
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
    /// For an approval: what sgw received earlier about its counterparty that restricts approvals (a revoked licence,
    /// a dishonesty record), sent with it to the platform.
    public var warnings: [CounterpartyWarning] = []

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
