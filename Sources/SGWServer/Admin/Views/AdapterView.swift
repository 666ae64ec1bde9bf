public import Foundation
public import SGWStore

/// An adapter's health as the store shows it: the last success (an import that finished), the last error (the last
/// import with rejected records, and imports that never finished) and the lag (time since the last success).
/// A poll that failed and stored nothing is not in the store: the log and `sgw_source_errors_total` have it.
public struct AdapterView: Encodable, Sendable, Hashable {
    public var adapter: String
    public var imports: Int, rows: Int, rejected: Int
    public var lastStartedAt: Date?
    /// The last success.
    public var lastSuccessAt: Date?
    /// The last import with rejected records.
    public var lastError: LastError?
    /// Imports that never finished.
    public var unfinished: Int
    public var lastUnfinishedAt: Date?
    /// Seconds since the last success at the time of the request; nil before any.
    public var lagSeconds: Int?
    public var watermark: String?
    public var watermarkUpdatedAt: Date?

    /// The last import that rejected records.
    public struct LastError: Encodable, Sendable, Hashable {
        public var importID: Int64
        public var at: Date
        public var rejected: Int
        public var code: String
    }

    /// The view of `a` at `now`.
    public init(_ a: AdapterActivity, now: Date) {
        adapter = a.adapter
        (imports, rows, rejected) = (a.imports, a.rows, a.rejected)
        lastStartedAt = a.lastStartedAt
        lastSuccessAt = a.lastFinishedAt
        if let id = a.lastRejectionImportID, let at = a.lastRejectionAt {
            lastError = LastError(importID: id, at: at, rejected: a.lastRejected, code: "records-rejected")
        }
        unfinished = a.unfinished
        lastUnfinishedAt = a.lastUnfinishedAt
        lagSeconds = a.lastFinishedAt.map { max(0, Int(now.timeIntervalSince($0))) }
        watermark = a.watermark
        watermarkUpdatedAt = a.watermarkUpdatedAt
    }
}
