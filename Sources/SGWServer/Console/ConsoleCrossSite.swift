import Hummingbird

/// The check every console POST passes before it acts (login, logout, replay): the browser says where the form was
/// (`Origin`, or `Referer` when a browser sends no `Origin`) and that must be this server as the browser reached it
/// (`Host`). With the `SameSite=Strict` cookie this keeps another site's page from posting a form here in a signed-in
/// operator's name. A request that names neither is refused: every browser that submits a form sends one.
enum ConsoleCrossSite {
    /// Whether `request` comes from a page of this server.
    static func isSameOrigin(_ request: Request) -> Bool {
        // HTTP/1's Host header is the request's authority in swift-http-types.
        guard let host = request.head.authority?.lowercased(), !host.isEmpty else { return false }
        if let origin = request.headers[.origin] {
            return authority(of: origin) == host
        }
        if let referer = request.headers[.referer] {
            return authority(of: referer) == host
        }
        return false
    }

    /// `host[:port]` of an `http://` or `https://` URL, lowercased; nil for anything else (`null`, another scheme).
    static func authority(of url: String) -> String? {
        let lower = url.lowercased()
        for scheme in ["http://", "https://"] where lower.hasPrefix(scheme) {
            let rest = lower.dropFirst(scheme.count)
            let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
            let authority = rest[..<end]
            return authority.contains("@") ? nil : String(authority)
        }
        return nil
    }
}
