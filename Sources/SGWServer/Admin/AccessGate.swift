import Foundation
public import SGWCore
public import SGWStore

/// Who a request is: the `Principal` of the token it presents as `Authorization: Bearer SECRET` or in the cookie
/// `sgw_token` (set by the console's login form), looked up by the secret's hash. Every check happens here, on the
/// server: no token, an unknown one or a revoked one is `unauthorized`; a role that may not do something is
/// `forbidden`.
public struct AccessGate: Sendable {
    /// The cookie the console's login sets to the token's secret.
    public static let cookieName = "sgw_token"

    /// The store the tokens are in.
    public let store: any AccessStore

    /// A gate over `store`'s tokens.
    public init(store: any AccessStore) {
        self.store = store
    }

    /// The principal of a request with these `Authorization` and `Cookie` header values (the bearer token first).
    public func principal(authorization: String?, cookie: String?) throws -> Principal {
        guard let secret = Self.secret(authorization: authorization, cookie: cookie), !secret.isEmpty,
              let token = try store.token(secretHash: TokenSecret.hash(secret)) else { throw AdminError.unauthorized() }
        return token.principal
    }

    /// The secret a request presents: `Bearer SECRET`, else the `sgw_token` cookie's value.
    public static func secret(authorization: String?, cookie: String?) -> String? {
        if let authorization {
            let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            if parts.count == 2, parts[0].lowercased() == "bearer" { return parts[1].trimmingCharacters(in: .whitespaces) }
            return nil
        }
        guard let cookie else { return nil }
        for pair in cookie.split(separator: ";") {
            let kv = pair.split(separator: "=", maxSplits: 1)
            if kv.count == 2, kv[0].trimmingCharacters(in: .whitespaces) == cookieName {
                return kv[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    /// Throws `forbidden` unless `principal`'s role is one of `roles`; `what` says what was asked, in the error.
    public static func require(_ principal: Principal, _ roles: Set<Role>, _ what: String) throws {
        guard roles.contains(principal.role) else { throw AdminError.forbidden(principal.role, what) }
    }
}
