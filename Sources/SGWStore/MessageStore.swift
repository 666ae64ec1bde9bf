public import Foundation
public import SGWCore

/// A rejected record as the store keeps it, for reports and replay.
public struct StoredRejection: Sendable, Hashable {
    /// `row 5`, `element 3 (line 40)`.
    public var location: String
    /// The row (or element, item) number.
    public var row: Int
    /// The field; empty when the whole record was unreadable.
    public var field: String
    /// The rejection code.
    public var code: String
    /// The reason.
    public var message: String

    /// A rejection.
    public init(location: String, row: Int, field: String, code: String, message: String) {
        self.location = location
        self.row = row
        self.field = field
        self.code = code
        self.message = message
    }
}

/// The single source of truth: messages, their versions, planned deliveries and deadlines, imports, rejections,
/// and every message's history. A protocol, so that a PostgreSQL store can follow without touching callers.
public protocol MessageStore: Sendable {
    /// Records the start of an import and returns its id.
    func startImport(adapter: String, file: String, size: Int64, sha256: String, at: Date) throws -> Int64

    /// The last finished import of a file with this hash by this adapter, if any.
    func finishedImport(adapter: String, sha256: String) throws -> ImportRecord?

    /// Stores `items` and `rejections` in one transaction: each message with its deliveries and deadlines, or
    /// nothing. Returns what happened to each item, in order.
    func ingest(_ items: [IngestItem], rejections: [StoredRejection], importID: Int64?, at: Date) throws -> [IngestOutcome]

    /// Records an import's counts and end; the commit is durable when this returns.
    func finishImport(_ record: ImportRecord) throws

    /// Messages, newest first, filtered by kind, adapter and received time.
    func messages(kind: MessageKind?, adapter: String?, since: Date?, limit: Int) throws -> [StoredMessage]

    /// One message by id, with its history.
    func message(id: String) throws -> (StoredMessage, [HistoryEvent])?

    /// Counts for `sgw status` at `now`.
    func status(now: Date) throws -> StoreStatus
}
