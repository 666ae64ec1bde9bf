public import SGWStore

/// `GET /api/v1/me`: who the token is and what its role may do.
public struct PrincipalView: Encodable, Sendable, Hashable {
    public var name: String
    public var role: String
    public var departments: [String]
    public var seesPersonalData: Bool, mayOperate: Bool, readsAuditLog: Bool, managesTokens: Bool

    /// The view of `principal`.
    public init(_ principal: Principal) {
        name = principal.name
        role = principal.role.rawValue
        departments = principal.departments
        seesPersonalData = principal.role.seesPersonalData
        mayOperate = principal.role.mayOperate
        readsAuditLog = principal.role.readsAuditLog
        managesTokens = principal.role.managesTokens
    }
}
