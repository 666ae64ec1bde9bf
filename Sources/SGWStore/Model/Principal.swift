/// Who is asking: a token's name, its role and, for a department, the departments it speaks for.
public struct Principal: Sendable, Hashable {
    /// The token's name, which the audit log records as the actor.
    public var name: String
    /// The role.
    public var role: Role
    /// The departments a `department` token speaks for; empty for the other roles.
    public var departments: [String]

    /// A principal.
    public init(name: String, role: Role, departments: [String] = []) {
        self.name = name
        self.role = role
        self.departments = departments
    }

    /// Someone at the gateway's command line: whoever can read the data folder can do anything a token could, so an
    /// admin, named `cli:USER` in the audit log.
    public static func commandLine(user: String) -> Principal {
        Principal(name: "cli:" + user, role: .admin)
    }

    /// The messages this principal may read: a department's own, everyone else's all.
    public var scope: MessageScope {
        role == .department ? .departments(Set(departments)) : .all
    }
}

/// Which messages a reader may see. A department sees a message addressed to or sent by one of its departments
/// (`MessageBody.department`), or one it claimed, disputed or answered on the platform.
public enum MessageScope: Sendable, Hashable {
    /// Every message.
    case all
    /// Only these departments' messages (none when the set is empty).
    case departments(Set<String>)
}
