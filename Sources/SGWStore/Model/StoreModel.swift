public import Foundation
public import SGWCore

/// Where a planned delivery goes.
public enum Destination: String, Sendable, Hashable, Codable, CaseIterable {
    /// 审管互动平台: approval and supervision information.
    case interaction
    /// 信用平台: 双公示 licence and penalty records.
    case credit
}

/// A delivery the store plans at ingest: one message to one destination, with the deadline of the duty it serves.
public struct PlannedDelivery: Sendable, Hashable {
    /// The platform it is for.
    public var destination: Destination
    /// The queue it waits in (the `delivery.destination` column): the platform's name, or the name of an
    /// offline-package destination serving the recipient (线下定期推送).
    public var queue: String
    /// The duty whose deadline applies (`approval.push`, `credit.publish`, …).
    public var duty: DutyName
    /// When it falls due; nil when the profile sets no time limit for the duty.
    public var dueAt: Date?
    /// Whether the deadline rests on a year whose calendar is not loaded.
    public var provisional: Bool

    /// A planned delivery.
    public init(destination: Destination, queue: String? = nil, duty: DutyName, dueAt: Date?, provisional: Bool) {
        self.destination = destination
        self.queue = queue ?? destination.rawValue
        self.duty = duty
        self.dueAt = dueAt
        self.provisional = provisional
    }

    /// `interaction for approval.push due 2026-12-08T10:30:00+08:00`, as a message's history lists its deliveries.
    public static func text(queue: String, duty: String, dueAt: Date?, provisional: Bool) -> String {
        "\(queue) for \(duty) due \(dueAt.map(ShanghaiTime.format) ?? "without time limit")" + (provisional ? " (provisional)" : "")
    }
}

/// A deadline the store tracks for a message besides its deliveries: a claim, a feedback window.
public struct PlannedDeadline: Sendable, Hashable {
    /// The duty.
    public var duty: DutyName
    /// When it falls due.
    public var dueAt: Date
    /// Whether it rests on a year whose calendar is not loaded.
    public var provisional: Bool

    /// A planned deadline.
    public init(duty: DutyName, dueAt: Date, provisional: Bool) {
        self.duty = duty
        self.dueAt = dueAt
        self.provisional = provisional
    }
}

/// A message ready to be stored with what it plans.
///
/// Immutable, and what the store writes is prepared here (the body's canonical JSON, the plan as the history
/// shows it), on the thread that builds the item: an import's mapping threads, not the single writer, which is
/// the slower side of an import.
public struct IngestItem: Sendable {
    /// The message.
    public let message: CanonicalMessage
    /// Its deliveries.
    public let deliveries: [PlannedDelivery]
    /// Its other deadlines.
    public let deadlines: [PlannedDeadline]
    /// The body's canonical JSON, as stored.
    let body: String

    /// An item.
    public init(message: CanonicalMessage, deliveries: [PlannedDelivery], deadlines: [PlannedDeadline]) {
        self.message = message
        self.deliveries = deliveries
        self.deadlines = deadlines
        body = String(decoding: message.canonicalBody, as: UTF8.self)
    }
}

/// What storing one message did.
public enum IngestOutcome: Sendable, Hashable {
    /// A key seen for the first time.
    case accepted
    /// Same key, same content hash: nothing new.
    case duplicate
    /// Same key, different content: stored as a new version with its own deliveries.
    case updated(version: Int)
}

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

/// A stored message with its bookkeeping.
public struct StoredMessage: Sendable {
    /// The message (its envelope carries the version).
    public var message: CanonicalMessage
    /// The import that brought it, when it came from a file.
    public var importID: Int64?
}

/// One event in a message's history: who did what, when.
public struct HistoryEvent: Sendable, Hashable {
    /// When.
    public var at: Date
    /// What: `ingested`, `version`, `delivery-planned`, …
    public var event: String
    /// Details in plain words.
    public var detail: String
}

/// Counts for `sgw status`.
public struct StoreStatus: Sendable {
    /// Messages by kind.
    public var messagesByKind: [String: Int]
    /// Deliveries by destination and state.
    public var deliveries: [(destination: String, state: String, count: Int)]
    /// Deadlines (deliveries and others) due today in Asia/Shanghai, not yet done.
    public var dueToday: Int
    /// Deadlines passed and not done.
    public var overdue: Int
    /// The last import, with its rejections.
    public var lastImport: ImportRecord?
    /// Rejections of the last import, by code.
    public var lastRejections: [(code: String, count: Int)]
    /// For a last import that did not finish (it failed, or is under way): the messages it stored so far, whose
    /// counts its record does not hold yet.
    public var lastImportStored: Int? = nil
}
