public import Foundation
public import SGWMapping

/// A webhook adapter's `webhook:` block, with its secrets read from the environment.
public struct WebhookSettings: Sendable {
    /// How a sender proves who it is.
    public enum Authentication: Sendable {
        /// Standard Webhooks signatures under a `whsec_` secret.
        case signature(WebhookSignature)
        /// A static key in a header, for systems that cannot sign.
        case apiKey(header: String, key: String)
    }

    /// The path sgw serves (`/hooks/shicheng/approvals`).
    public var path: String
    /// The authentication.
    public var authentication: Authentication
    /// The largest body taken; a larger one is answered `413`.
    public var maxBodyBytes: Int

    /// The default body limit: 10 MiB.
    public static let defaultMaxBodyBytes = 10 << 20

    /// Why an adapter's settings cannot serve.
    public struct Problem: Error, CustomStringConvertible {
        /// The reason, naming the adapter file.
        public var description: String
    }

    /// The settings of `adapter` (a `webhook` adapter), secrets from `environment`.
    public init(adapter: AdapterSpec, environment: [String: String] = ProcessInfo.processInfo.environment) throws(Problem) {
        let s = adapter.settings
        func resolve(_ key: String) throws(Problem) -> String? {
            guard let value = s[key] else { return nil }
            guard let name = value.wholeMatch(of: /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/)?.1 else { return value }
            guard let resolved = environment[String(name)], !resolved.isEmpty else {
                throw Problem(description: "\(adapter.file): webhook.\(key): the environment variable \(name) is not set")
            }
            return resolved
        }
        path = s["path"] ?? "/hooks/\(adapter.name)"
        maxBodyBytes = s["max_body_bytes"].flatMap(Int.init) ?? Self.defaultMaxBodyBytes
        let tolerance = s["tolerance_seconds"].flatMap(Double.init) ?? 300
        if let secret = try resolve("secret") {
            guard let verifier = WebhookSignature(secret: secret, tolerance: tolerance) else {
                throw Problem(description: "\(adapter.file): webhook.secret is not a Standard Webhooks secret (whsec_ and base64)")
            }
            authentication = .signature(verifier)
        } else if let key = try resolve("api_key") {
            authentication = .apiKey(header: s["api_key_header"] ?? "X-API-Key", key: key)
        } else {
            throw Problem(description: "\(adapter.file): a webhook needs webhook.secret (Standard Webhooks) or webhook.api_key")
        }
    }

    /// The content types a body in `format` may be sent as.
    public static func accepts(_ contentType: String?, format: AdapterSpec.Format) -> Bool {
        guard let type = contentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() else { return false }
        switch format {
        case .json(let f):
            return type == "application/json" || type.hasSuffix("+json") || type == "text/json"
                || (f.lines && (type == "application/x-ndjson" || type == "application/jsonl"))
        case .xml: return type == "application/xml" || type == "text/xml" || type.hasSuffix("+xml")
        case .csv: return type == "text/csv"
        case .xlsx: return false
        }
    }

    /// The content type a sender should use, for the `415` answer.
    public static func expected(for format: AdapterSpec.Format) -> String {
        switch format {
        case .json(let f): f.lines ? "application/x-ndjson or application/json" : "application/json"
        case .xml: "application/xml or text/xml"
        case .csv: "text/csv"
        case .xlsx: "none (xlsx is read from files only)"
        }
    }
}
