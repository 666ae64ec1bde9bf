public import Foundation

/// One line of the audit log: who did what to what, when. Append-only in the store.
public struct AuditEntry: Sendable, Hashable {
    /// What an operator can do that the log records.
    public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
        case replay
        case tokenAdded = "token-added"
        case tokenRevoked = "token-revoked"
        case configurationReload = "configuration-reload"
        case reportGenerated = "report-generated"
        case unmaskedView = "unmasked-view"
    }

    /// Its number in the log, in order; nil before it is stored.
    public var id: Int64?
    /// When.
    public var at: Date
    /// The token's name, or `cli:USER` for a command run on the gateway's machine.
    public var actor: String
    /// The actor's role.
    public var role: Role
    /// What.
    public var action: Action
    /// On what: a message id, a delivery id, a token's name, a report's period.
    public var target: String
    /// Details in plain words.
    public var detail: String

    /// An entry.
    public init(id: Int64? = nil, at: Date, actor: String, role: Role, action: Action, target: String, detail: String) {
        self.id = id
        self.at = at
        self.actor = actor
        self.role = role
        self.action = action
        self.target = target
        self.detail = detail
    }
}
