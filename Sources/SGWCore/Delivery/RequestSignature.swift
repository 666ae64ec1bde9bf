import Crypto
internal import Foundation

/// The HMAC request signature of docs/platform-api.md, shared by the gateway (which signs) and the simulator (which
/// checks), so that the two cannot drift apart: `hex(HMAC-SHA256(secret, timestamp + "\n" + path + "\n" + body))`.
public enum RequestSignature {
    /// The lowercase hex signature.
    public static func hex(secret: String, timestamp: String, path: String, body: [UInt8]) -> String {
        var message = Array((timestamp + "\n" + path + "\n").utf8)
        message.append(contentsOf: body)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Array(secret.utf8)))
        return mac.map { String(format: "%02x", $0) }.joined()
    }
}
