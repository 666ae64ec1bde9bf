public import Foundation
import Crypto

/// The secret of an API or console token: `sgw_` and 43 characters of base64url from 32 random bytes, shown once
/// when the token is added. The store keeps only its SHA-256: a secret of 256 random bits needs no slow password
/// hash (nothing to guess from a dictionary), and a hash lookup finds its token in one index probe.
public enum TokenSecret {
    /// A new secret from the system's secure random generator.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return "sgw_" + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// The hash the store keeps and looks a presented secret up by: `sha256:` and the hex digest.
    public static func hash(_ secret: String) -> String {
        ContentHash.sha256(Array(secret.utf8))
    }
}
