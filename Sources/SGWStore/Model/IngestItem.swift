public import SGWCore

/// A message ready to be stored with what it plans.
///
/// Immutable, and what the store writes is prepared here (the body's canonical JSON, the plan as the history
/// shows it), on the thread that builds the item: an import's mapping threads, not the single writer, which is
/// the slower side of an import.
public struct IngestItem: Sendable {
    /// The message.
    public let message: CanonicalMessage
    /// Its deliveries.
    public let deliveries: [PlannedDelivery]
    /// Its other deadlines.
    public let deadlines: [PlannedDeadline]
    /// The body's canonical JSON, as stored.
    let body: String
    /// The message row's columns read from the body: its decision date, department, counterparty and warning.
    let decisionDate: String, department: String?, counterparty: String?, warning: String?

    /// An item.
    public init(message: CanonicalMessage, deliveries: [PlannedDelivery], deadlines: [PlannedDeadline]) {
        self.message = message
        self.deliveries = deliveries
        self.deadlines = deadlines
        body = String(decoding: message.canonicalBody, as: UTF8.self)
        decisionDate = message.body.decisionDate.description
        department = message.body.department
        counterparty = message.body.counterpartyIdentity
        warning = message.body.warningForLaterApprovals?.rawValue
    }
}

/// What storing one message did.
public enum IngestOutcome: Sendable, Hashable {
    /// A key seen for the first time.
    case accepted
    /// Same key, same content hash: nothing new.
    case duplicate
    /// Same key, different content: stored as a new version with its own deliveries.
    case updated(version: Int)
}
