public import Foundation

/// An API and console token as the store keeps it: everything but its secret, of which only a hash is kept.
public struct APIToken: Sendable, Hashable {
    /// The token's name (unique): who holds it, e.g. `市场监管局-张三`; the audit log's actor.
    public var name: String
    /// The role.
    public var role: Role
    /// For a `department` token, the departments it speaks for.
    public var departments: [String]
    /// When it was added, and by whom.
    public var createdAt: Date
    public var createdBy: String
    /// When it was revoked, and by whom; nil while it is valid.
    public var revokedAt: Date?
    public var revokedBy: String?

    /// A token.
    public init(name: String, role: Role, departments: [String], createdAt: Date, createdBy: String,
                revokedAt: Date? = nil, revokedBy: String? = nil) {
        self.name = name
        self.role = role
        self.departments = departments
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.revokedAt = revokedAt
        self.revokedBy = revokedBy
    }

    /// The principal the token stands for.
    public var principal: Principal { Principal(name: name, role: role, departments: departments) }
}
