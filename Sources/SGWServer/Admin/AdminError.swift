public import SGWStore

/// Why an admin request is refused, with a stable code the API answers with (`{"error": {"code", "message"}}`) and
/// the console shows. HTTP stays at the edge: `AdminAPI` maps each code to a status.
public struct AdminError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: String, Sendable {
        case unauthorized
        case forbidden
        case notFound = "not-found"
        case badRequest = "bad-request"
        case conflict
        case unavailable
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

    /// No token, or one that is unknown or revoked: the same answer for all three, so a guess learns nothing.
    public static func unauthorized() -> Self {
        Self(.unauthorized, "a valid token is required (Authorization: Bearer SECRET, or the console's login)")
    }
    /// The token's role may not do this.
    public static func forbidden(_ role: Role, _ what: String) -> Self {
        Self(.forbidden, "a \(role.rawValue) token may not \(what)")
    }
    /// Nothing by that id, or nothing the reader may see: the two are not told apart, so that a department cannot
    /// learn that another's message exists.
    public static func notFound(_ what: String) -> Self {
        Self(.notFound, "\(what) not found")
    }
    /// A parameter that cannot be read.
    public static func badRequest(_ message: String) -> Self {
        Self(.badRequest, message)
    }
    /// The request cannot be done in the state things are in.
    public static func conflict(_ message: String) -> Self {
        Self(.conflict, message)
    }
    /// What the request needs is not running (the configuration reload outside `sgw serve`).
    public static func unavailable(_ message: String) -> Self {
        Self(.unavailable, message)
    }
}
