public import Foundation

/// What a file import needs of the store: its import row, and its records stored chunk by chunk.
public protocol ImportStore: Sendable {
    /// Records the start of an import and returns its id.
    func startImport(adapter: String, file: String, size: Int64, sha256: String, at: Date) throws -> Int64

    /// The last finished import of a file with this hash by this adapter, if any.
    func finishedImport(adapter: String, sha256: String) throws -> ImportRecord?

    /// Stores `items` and `rejections` in one transaction: each message with its deliveries and deadlines, or
    /// nothing. Returns what happened to each item, in order.
    func ingest(_ items: [IngestItem], rejections: [StoredRejection], importID: Int64?, at: Date) throws -> [IngestOutcome]

    /// Records an import's counts and end; the commit is durable when this returns.
    func finishImport(_ record: ImportRecord) throws
}
