public import Foundation

/// An import of one file (or a webhook request, a polled page), as the store records it.
public struct ImportRecord: Sendable, Hashable {
    /// The import's id.
    public var id: Int64
    /// The adapter.
    public var adapter: String
    /// The file as given.
    public var file: String
    /// Its size in bytes.
    public var size: Int64
    /// Its SHA-256, hex.
    public var sha256: String
    /// Records read; of them rejected, and skipped (no message of the mapping applied).
    public var rows = 0, rejected = 0, skipped = 0
    /// The other records, by what storing them did, with the messages written.
    public var stored = IngestCounts()
    /// False for an import recorded before sgw counted records: its accepted, duplicates and updated count messages.
    public var countsRecords = true
    /// When it started and finished.
    public var startedAt: Date
    /// Nil while running (or when the process died during it).
    public var finishedAt: Date?

    /// An import record.
    public init(id: Int64, adapter: String, file: String, size: Int64, sha256: String, rows: Int = 0, stored: IngestCounts = IngestCounts(),
                rejected: Int = 0, skipped: Int = 0, startedAt: Date, finishedAt: Date? = nil) {
        self.id = id
        self.adapter = adapter
        self.file = file
        self.size = size
        self.sha256 = sha256
        self.rows = rows
        self.stored = stored
        self.rejected = rejected
        self.skipped = skipped
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }

    /// `rows 60, accepted 57 (114 messages), duplicates 0, updated 0, rejected 3`: the counts add up to the rows.
    public var summary: String {
        guard countsRecords else {
            return "rows \(rows), messages accepted \(stored.accepted), duplicates \(stored.duplicates), updated \(stored.updated), "
                + "rejected \(rejected) (imported before sgw counted records)"
        }
        return "rows \(rows), accepted \(stored.accepted) (\(Self.messages(stored.acceptedMessages))), duplicates \(stored.duplicates), "
            + "updated \(stored.updated)" + (stored.updated > 0 ? " (\(Self.messages(stored.updatedMessages)))" : "")
            + ", rejected \(rejected)" + (skipped > 0 ? ", skipped \(skipped)" : "")
    }

    static func messages(_ n: Int) -> String { n == 1 ? "1 message" : "\(n) messages" }
}
