public import Foundation
public import SGWStore

/// A line of the audit log.
public struct AuditEntryView: Encodable, Sendable, Hashable {
    public var id: Int64?
    public var at: Date
    public var actor: String, role: String, action: String, target: String, detail: String

    /// The view of `e`.
    public init(_ e: AuditEntry) {
        id = e.id
        at = e.at
        actor = e.actor
        role = e.role.rawValue
        action = e.action.rawValue
        target = e.target
        detail = e.detail
    }
}
