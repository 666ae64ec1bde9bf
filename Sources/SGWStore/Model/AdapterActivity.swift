public import Foundation

/// What one adapter brought in, as the store records it: its imports (files, webhook requests, polled pages) and,
/// for a polled source, its watermark. Failures that stored nothing (a poll that failed) are not in the store: the
/// log and `sgw_source_errors_total` have them.
public struct AdapterActivity: Sendable, Hashable {
    /// The adapter.
    public var adapter: String
    /// Imports, and the records read and rejected in them.
    public var imports = 0, rows = 0, rejected = 0
    /// The last import's start, and the last finished import's end: the last success.
    public var lastStartedAt: Date?
    public var lastFinishedAt: Date?
    /// The last import with rejected records: its id, when it ended (or started) and how many.
    public var lastRejectionImportID: Int64?
    public var lastRejectionAt: Date?
    public var lastRejected = 0
    /// Imports that never finished (the process stopped during them), and the last one's start.
    public var unfinished = 0
    public var lastUnfinishedAt: Date?
    /// A polled source's watermark and when it moved.
    public var watermark: String?
    public var watermarkUpdatedAt: Date?

    /// An adapter with nothing recorded.
    public init(adapter: String) { self.adapter = adapter }
}
