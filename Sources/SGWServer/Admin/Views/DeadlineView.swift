public import Foundation
public import SGWStore

/// A duty with a deadline: a claim, feedback or verification deadline, or an undelivered push (`source: delivery`).
public struct DeadlineView: Encodable, Sendable, Hashable {
    public var source: String
    public var id: Int64
    public var messageID: String, kind: String
    public var department: String?
    public var duty: String
    public var destination: String?
    public var dueAt: Date?
    public var provisional: Bool
    public var state: String
    public var closedAt: Date?
    /// The department that claimed it, or answers for it being late or auto-claimed.
    public var closedBy: String?

    /// The view of `d`.
    public init(_ d: DeadlineRecord) {
        source = d.source.rawValue
        id = d.id
        messageID = d.messageID
        kind = d.kind
        department = d.department
        duty = d.duty
        destination = d.destination
        dueAt = d.dueAt
        provisional = d.provisional
        state = d.state
        closedAt = d.closedAt
        closedBy = d.closedBy
    }
}
