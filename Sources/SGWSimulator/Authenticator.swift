import SGWCore
internal import Foundation
import Hummingbird

/// Checks the credentials of the contract: `Authorization: Bearer`, HTTP basic, or the HMAC signature
/// `X-SGW-Signature: hex(HMAC-SHA256(secret, timestamp + "\n" + path + "\n" + body))`. Every configured
/// credential must be present and right.
struct Authenticator: Sendable {
    let settings: SimulatorConfiguration.Authentication

    /// Whether the request may pass. `path` is without the query; a signature over path and query is taken too.
    func allows(headers: HTTPFields, path: String, query: String, body: [UInt8], now: Date = Date()) -> Bool {
        guard settings.isRequired else { return true }
        let authorization = value(headers, "authorization")
        if let token = settings.bearerToken, authorization != "Bearer " + token { return false }
        if let basic = settings.basic {
            guard let authorization, authorization.hasPrefix("Basic "),
                  let decoded = Data(base64Encoded: String(authorization.dropFirst(6))),
                  String(decoding: decoded, as: UTF8.self) == basic else { return false }
        }
        if let secret = settings.hmacSecret {
            guard let keyId = value(headers, "x-sgw-key-id"), !keyId.isEmpty,
                  let stamp = value(headers, "x-sgw-timestamp"), let seconds = Double(stamp),
                  abs(now.timeIntervalSince1970 - seconds) <= settings.hmacMaxSkewSeconds,
                  let signature = value(headers, "x-sgw-signature")?.lowercased() else { return false }
            let paths = query.isEmpty ? [path] : [path, path + "?" + query]
            guard paths.contains(where: { Self.signature(secret: secret, timestamp: stamp, path: $0, body: body) == signature })
            else { return false }
        }
        return true
    }

    /// The lowercase hex HMAC-SHA256 of `timestamp\npath\nbody`.
    static func signature(secret: String, timestamp: String, path: String, body: [UInt8]) -> String {
        RequestSignature.hex(secret: secret, timestamp: timestamp, path: path, body: body)
    }

    /// The first value of header `name` (lowercase), found by its canonical name.
    private func value(_ headers: HTTPFields, _ name: String) -> String? {
        headers.first { $0.name.canonicalName == name }?.value
    }
}
