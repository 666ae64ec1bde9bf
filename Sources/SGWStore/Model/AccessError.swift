/// Why a token could not be added or used, with a stable code.
public struct AccessError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: String, Sendable {
        case nameTaken = "token-name-taken"
        case departmentsRequired = "departments-required"
        case departmentsNotAllowed = "departments-not-allowed"
    }

    private let kind: Code
    /// What happened, in plain words.
    public let message: String
    /// The stable code.
    public var code: String { kind.rawValue }
    public var description: String { "\(code): \(message)" }

    private init(_ kind: Code, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// A token by that name exists (names are never reused, so the audit log's actors stay unambiguous).
    public static func nameTaken(_ name: String) -> Self {
        Self(.nameTaken, "a token named '\(name)' exists (names are not reused, even revoked ones)")
    }
    /// A `department` token names no department.
    public static func departmentsRequired() -> Self {
        Self(.departmentsRequired, "a department token needs the department(s) it speaks for (--department NAME)")
    }
    /// Another role was given departments.
    public static func departmentsNotAllowed(_ role: Role) -> Self {
        Self(.departmentsNotAllowed, "only department tokens are scoped to departments; the role \(role.rawValue) sees every department")
    }

    /// The checks of a new token: departments for a department token and only for one.
    public static func check(_ token: APIToken) throws {
        if token.role == .department, token.departments.isEmpty { throw departmentsRequired() }
        if token.role != .department, !token.departments.isEmpty { throw departmentsNotAllowed(token.role) }
    }
}
