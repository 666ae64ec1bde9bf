public import Foundation
public import SGWStore

/// A delivery: where a message goes, for which duty, and where it stands.
public struct DeliveryView: Encodable, Sendable, Hashable {
    public var id: Int64
    public var messageID: String, kind: String, key: String
    public var department: String?
    public var destination: String, duty: String
    public var dueAt: Date?
    public var provisional: Bool
    public var state: String
    public var attempts: Int
    public var notBefore: Date?
    public var deliveredAt: Date?
    public var receipt: String?
    public var lastError: String?
    public var createdAt: Date

    /// The view of `d` for the reader `disclosure` describes.
    public init(_ d: DeliveryRecord, _ disclosure: inout Disclosure) {
        id = d.id
        messageID = d.messageID
        kind = d.kind
        key = disclosure.text(d.key, of: d.messageID)
        department = d.department
        destination = d.destination
        duty = d.duty
        dueAt = d.dueAt
        provisional = d.provisional
        state = d.state
        attempts = d.attempts
        notBefore = d.notBefore
        deliveredAt = d.deliveredAt
        receipt = disclosure.text(d.receipt, of: d.messageID)
        lastError = disclosure.text(d.lastError, of: d.messageID)
        createdAt = d.createdAt
    }
}
