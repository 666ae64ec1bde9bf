/// What a token's holder may do (docs/operations.md, "Roles and tokens").
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    /// Everything, tokens included; sees ID and phone numbers unmasked.
    case admin
    /// The approval bureau's staff who run sgw: every message, masked; replays, reloads and reports.
    case `operator`
    /// A supervising department: only the messages addressed to or sent by its departments, masked; reads only.
    case department
    /// An auditor: every message, unmasked (each such view logged), and the audit log; reads only.
    case auditor

    /// Whether ID numbers and phone numbers are shown to this role as they are.
    public var seesPersonalData: Bool { self == .admin || self == .auditor }
    /// Whether the role may change what sgw does: replay a dead letter, reload the configuration.
    public var mayOperate: Bool { self == .admin || self == .operator }
    /// Whether the role reads the approval bureau's intake: imports, their rejected records, the adapters' health. Not a
    /// department: a file mixes departments, and a rejected row belongs to no message a department is scoped by.
    public var readsIntake: Bool { self != .department }
    /// Whether the role may add and revoke tokens.
    public var managesTokens: Bool { self == .admin }
    /// Whether the role may read the audit log.
    public var readsAuditLog: Bool { self == .admin || self == .auditor }
}
