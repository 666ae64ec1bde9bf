public import Foundation
import Crypto

/// The Standard Webhooks signature (standardwebhooks.com): the sender signs `id.timestamp.body` with HMAC-SHA256
/// under a shared secret given as `whsec_` + base64, and sends `webhook-id`, `webhook-timestamp` (Unix seconds) and
/// `webhook-signature: v1,BASE64` (several space-separated signatures while a secret is rotated). Pure: no clock, no
/// I/O, so every verdict is tested as it is.
public struct WebhookSignature: Sendable {
    /// The secret's bytes.
    let key: SymmetricKey
    /// How far the timestamp may be from now, either way.
    public var tolerance: TimeInterval

    /// Why a request is refused.
    public enum Failure: String, Sendable, Error {
        /// A header is missing.
        case missingHeaders = "missing-signature-headers"
        /// The timestamp is not a number of seconds.
        case badTimestamp = "bad-timestamp"
        /// The timestamp is further from now than the tolerance (a replay of an old request, or a wrong clock).
        case expired = "timestamp-out-of-tolerance"
        /// No signature matches.
        case mismatch = "signature-mismatch"
    }

    /// A verifier for `secret` (`whsec_…`; the prefix may be left out); nil when it is not base64.
    public init?(secret: String, tolerance: TimeInterval = 300) {
        let encoded = secret.hasPrefix("whsec_") ? String(secret.dropFirst(6)) : secret
        guard let bytes = Data(base64Encoded: encoded), !bytes.isEmpty else { return nil }
        key = SymmetricKey(data: bytes)
        self.tolerance = tolerance
    }

    /// The signature header's value for a request (what a sender writes; the simulator and tests send with it).
    public func sign(id: String, timestamp: Int, body: [UInt8]) -> String {
        "v1," + Data(mac(id: id, timestamp: String(timestamp), body: body)).base64EncodedString()
    }

    /// Checks a request's headers and body at `now`.
    public func verify(id: String?, timestamp: String?, signature: String?, body: [UInt8], now: Date) -> Result<Void, Failure> {
        guard let id, !id.isEmpty, let timestamp, let signature else { return .failure(.missingHeaders) }
        guard let seconds = Int(timestamp) else { return .failure(.badTimestamp) }
        guard abs(now.timeIntervalSince1970 - Double(seconds)) <= tolerance else { return .failure(.expired) }
        let signed = Self.signed(id, timestamp, body)
        for candidate in signature.split(separator: " ") {
            guard candidate.hasPrefix("v1,"), let given = Data(base64Encoded: String(candidate.dropFirst(3))) else { continue }
            // Compared in constant time by swift-crypto's message authentication code type.
            if HMAC<SHA256>.isValidAuthenticationCode(given, authenticating: signed, using: key) {
                return .success(())
            }
        }
        return .failure(.mismatch)
    }

    private func mac(id: String, timestamp: String, body: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Self.signed(id, timestamp, body), using: key))
    }

    private static func signed(_ id: String, _ timestamp: String, _ body: [UInt8]) -> [UInt8] {
        Array(id.utf8) + [UInt8(ascii: ".")] + Array(timestamp.utf8) + [UInt8(ascii: ".")] + body
    }
}
