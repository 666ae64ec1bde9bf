import Foundation
import Hummingbird

/// The console's sign-in: the cookie `sgw_token` holds the token's secret (HttpOnly, so no script reads it;
/// SameSite=Strict, so no other site's page sends it; Path=/ so that the admin API under /api/v1 takes it too). The
/// server keeps no session of its own: each request is checked against the store's tokens, and a revoked token
/// stops working at once.
enum ConsoleSession {
    /// The cookie's name, which the admin API's access gate reads too.
    static let cookieName = AccessGate.cookieName

    /// The cookie that signs `secret` in, until the browser closes.
    static func signIn(_ secret: String) -> Cookie {
        Cookie(name: cookieName, value: secret, path: "/", httpOnly: true, sameSite: .strict)
    }

    /// The cookie that signs out: empty and already expired.
    static func signOut() -> Cookie {
        Cookie(name: cookieName, value: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/", httpOnly: true,
               sameSite: .strict)
    }

    /// Whether `secret` may be put in a cookie as it is: what `TokenSecret.generate` makes (`sgw_` and base64url).
    static func isCookieSafe(_ secret: String) -> Bool {
        !secret.isEmpty && secret.count <= 200
            && secret.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_" || $0 == "-") }
    }

    /// Where to go after signing in: a console path given as `next`, else the overview. Anything else (another
    /// host, `//evil`, a backslash) is ignored, so that the login page cannot be made to send someone elsewhere.
    static func nextPath(_ next: String?) -> String {
        guard let next, next.hasPrefix("/console/"), !next.hasPrefix("//"), !next.contains("\\"),
              !next.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return "/console/" }
        return next
    }

    /// The login page's address that returns to `request`'s page afterwards.
    static func loginRedirect(for request: Request) -> String {
        let here = request.uri.description
        guard here != "/console/", here != "/console" else { return "/console/login" }
        let encoded = here.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "/-_.~"))) ?? ""
        return "/console/login?next=" + encoded
    }
}
