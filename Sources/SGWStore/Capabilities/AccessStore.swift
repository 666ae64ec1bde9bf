public import Foundation

/// Tokens and the audit log: who may read what, and what was done.
public protocol AccessStore: Sendable {
    /// Stores a new token with the SHA-256 of its secret (`TokenSecret.hash`), added by `actor`, and logs it. Throws
    /// `AccessError.nameTaken` when the name is in use, revoked or not.
    func addToken(_ token: APIToken, secretHash: String, by actor: Principal) throws

    /// Every token, valid and revoked, in the order they were added.
    func tokens() throws -> [APIToken]

    /// Revokes the token `name` (by `actor`, at `at`) and logs it; false when there is no valid token by that name.
    func revokeToken(name: String, by actor: Principal, at: Date) throws -> Bool

    /// The valid token whose secret has this hash.
    func token(secretHash: String) throws -> APIToken?

    /// Appends to the audit log.
    func audit(_ entry: AuditEntry) throws

    /// The audit log, newest first: up to `limit` entries before the entry `before` (all when nil).
    func auditLog(before: Int64?, limit: Int) throws -> [AuditEntry]
}
