public import Foundation
public import SGWCore

/// A destination as configured in `destinations/NAME.yaml`: which planned deliveries it serves (those for the
/// interaction platform or the credit platform) and how it reaches the platform, so that a real platform's API is
/// fitted by configuration, not code.
public struct DestinationSpec: Sendable {
    /// How a request proves who sends it.
    public enum Authentication: Sendable, Hashable {
        case none
        case bearer(token: String)
        case basic(user: String, password: String)
        /// `X-SGW-Signature: hex(HMAC-SHA256(secret, timestamp + "\n" + path + "\n" + body))` (docs/platform-api.md).
        case hmac(keyID: String, secret: String)
    }

    /// The file's name without `.yaml`.
    public var name: String
    /// The planned deliveries it takes: `interaction` or `credit`.
    public var platform: String
    /// Where single messages go.
    public var url: URL
    /// Where batches go; batches are used when `batchSize` > 1.
    public var batchURL: URL?
    /// Messages per request (1: one request per message).
    public var batchSize = 1
    /// Requests in flight at once.
    public var concurrency = 8
    /// Per-request timeout.
    public var timeoutSeconds = 10.0
    /// Authentication.
    public var authentication = Authentication.none
    /// A PEM file of the CA that signed the platform's certificate (a government CA not in the system store).
    public var caFile: String?
    /// The claims feed to poll, and how often.
    public var claimsURL: URL?
    public var claimsIntervalSeconds = 60.0
    /// Retry and lease settings for the state machine.
    public var retry = DeliveryStateMachine.Configuration()
    /// A body template (JSON with `{{path}}` placeholders) for platforms that want their own field names.
    public var bodyTemplate: String?
    /// Set for an offline-package destination (线下定期推送): the due messages are written as packages instead of sent.
    public var package: PackageSettings?
    /// The file it was read from.
    public var file: String

    /// The queue this destination takes deliveries from: the platform's for HTTP, its own name for packages.
    public var queue: String { package == nil ? platform : name }

    /// Where and how an offline package is written and confirmed.
    public struct PackageSettings: Sendable {
        /// The file format of the records.
        public enum Format: String, Sendable, CaseIterable { case csvGBK = "csv-gbk", csvUTF8 = "csv-utf8", xlsx, json }
        /// The supervising departments it serves (their approvals go here instead of the platform).
        public var recipients: [String]
        /// Where packages are written, and where the recipient drops its receipts.
        public var outbox: String, receipts: String
        /// The records' format.
        public var format: Format
        /// Who sends (in the manifest).
        public var sender: String
        /// How long the recipient has to confirm; unconfirmed records go into the next package after it.
        public var confirmWithinSeconds: Double
        /// The period of a periodic offline push agreed with the recipient (曲阜 art. 20.1 「线下方式定期推送」): an
        /// approval routed here is due at the end of the period it was received in, not at the at-once target.
        /// Nil: the profile's approval.push applies as for the platform.
        public var period: Period? = nil

        /// How often a periodic package goes out.
        public enum Period: String, Sendable, Hashable, CaseIterable {
            /// By the end of each working day.
            case daily
            /// By the end of each week (Sunday).
            case weekly
            /// By the end of each month.
            case monthly
        }
    }

    /// The same destination with every URL's scheme, host and port replaced by `base`'s (`--platform-url`, to point a
    /// configuration at a simulator).
    public func rebased(on base: URL) -> DestinationSpec {
        func rebase(_ url: URL?) -> URL? {
            guard let url, var parts = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return url }
            parts.scheme = base.scheme
            parts.host = base.host
            parts.port = base.port
            return parts.url ?? url
        }
        var copy = self
        copy.url = rebase(url) ?? url
        copy.batchURL = rebase(batchURL)
        copy.claimsURL = rebase(claimsURL)
        return copy
    }
}
