public import Foundation
public import SGWStore

/// An import (a file, a webhook request, a polled page) with its counts: rows = accepted + duplicates + updated +
/// rejected + skipped, for imports sgw counted by record (`countsRecords`).
public struct ImportView: Encodable, Sendable, Hashable {
    public var id: Int64
    public var adapter: String, file: String
    public var size: Int64
    public var sha256: String
    public var rows: Int, accepted: Int, duplicates: Int, updated: Int, rejected: Int, skipped: Int
    /// The messages written for the accepted and updated records.
    public var acceptedMessages: Int, updatedMessages: Int
    public var countsRecords: Bool
    public var startedAt: Date
    /// Nil while it runs, or when the process stopped during it.
    public var finishedAt: Date?
    /// `GET` this for the rejected rows as CSV, when there are any.
    public var rejectsURL: String?

    /// The view of `r`.
    public init(_ r: ImportRecord) {
        id = r.id
        adapter = r.adapter
        file = r.file
        size = r.size
        sha256 = r.sha256
        rows = r.rows
        (accepted, duplicates, updated) = (r.stored.accepted, r.stored.duplicates, r.stored.updated)
        (rejected, skipped) = (r.rejected, r.skipped)
        (acceptedMessages, updatedMessages) = (r.stored.acceptedMessages, r.stored.updatedMessages)
        countsRecords = r.countsRecords
        startedAt = r.startedAt
        finishedAt = r.finishedAt
        rejectsURL = r.rejected > 0 ? "/api/v1/imports/\(r.id)/rejects" : nil
    }
}
