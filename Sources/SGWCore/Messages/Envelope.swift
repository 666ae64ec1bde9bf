public import Foundation

/// Where a record came from: the adapter and the place in its source, so that every message can be traced back.
///
/// Immutable, like the message it belongs to; `let` properties also spare a copy of the finished value that the
/// initializer made with `var` ones (Swift 6.3; docs/benchmarks.md).
public struct Provenance: Sendable, Hashable, Codable {
    /// The adapter's name.
    public let adapter: String
    /// The file path or URL the record was read from, or the webhook's path.
    public let source: String
    /// The place inside the source: `row 12`, `page 2 item 3`, `request 01J…`.
    public let location: String?

    /// A provenance.
    public init(adapter: String, source: String, location: String? = nil) {
        self.adapter = adapter
        self.source = source
        self.location = location
    }
}

/// What sgw knows about a message besides its content: identity, version, rules and origin.
///
/// Immutable, like the message it belongs to; `let` properties also spare a copy of the finished value that the
/// initializer made with `var` ones (Swift 6.3; docs/benchmarks.md).
public struct Envelope: Sendable, Hashable, Codable {
    /// The message id (UUIDv7).
    public let id: MessageID
    /// The kind.
    public let kind: MessageKind
    /// What identifies the record in its source system: the mapping's name and its key fields' values
    /// (`zhoucun-licences:危险370306202400002`; several joined by `|`).
    public let key: String
    /// `sha256:` and the hex SHA-256 of the body's canonical JSON; same key and same hash is a duplicate.
    public let contentHash: String
    /// 1 for the first message with a key, then one more for each correction.
    public let version: Int
    /// The jurisdiction profile whose deadlines apply.
    public let profile: String
    /// Where the record came from.
    public let provenance: Provenance
    /// When sgw received the record.
    public let receivedAt: Date
    /// Set when the message cannot be complete from its source (a 双公示 record derived from an approval that lacks
    /// an item the credit platform requires, its mapping saying `when_incomplete: hold`): why, in plain words. Such a
    /// message is stored and its deadline tracked, but it is not sent: its delivery waits as a dead letter
    /// (`incomplete-record`) until a corrected record is imported.
    public let incomplete: String?

    /// An envelope.
    public init(id: MessageID, kind: MessageKind, key: String, contentHash: String, version: Int, profile: String,
                provenance: Provenance, receivedAt: Date, incomplete: String? = nil) {
        self.id = id
        self.kind = kind
        self.key = key
        self.contentHash = contentHash
        self.version = version
        self.profile = profile
        self.provenance = provenance
        self.receivedAt = receivedAt
        self.incomplete = incomplete
    }
}
