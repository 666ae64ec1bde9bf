import Foundation
import HTTPTypes
import Hummingbird

/// The console's answers: pages, redirects and downloads, each with headers that keep a page from being framed,
/// cached or made to load anything from elsewhere.
enum ConsoleResponse {
    /// Everything from sgw itself; inline styles allowed for the report's SVG charts; no script at all.
    static let contentSecurityPolicy = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!

    /// An HTML page.
    static func page(_ html: String, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) -> Response {
        var headers = guarded([.contentType: "text/html; charset=utf-8"])
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// A `303 See Other` to `location` (a path on this server).
    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: guarded([.location: location]))
    }

    /// A file to save: `name` as the browser should call it.
    static func download(_ bytes: [UInt8], name: String, contentType: String) -> Response {
        var headers = guarded([.contentType: contentType])
        // RFC 6266: an ASCII fallback and the UTF-8 name (Chinese file names).
        let ascii = String(name.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: ".-_"))) ?? ascii
        headers[.contentDisposition] = "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// `headers` with the ones every console answer carries.
    static func guarded(_ headers: HTTPFields) -> HTTPFields {
        var h = headers
        h[.cacheControl] = "no-store"
        h[.contentSecurityPolicy] = contentSecurityPolicy
        h[xFrameOptions] = "DENY"
        h[.xContentTypeOptions] = "nosniff"
        h[referrerPolicy] = "same-origin"
        return h
    }
}
