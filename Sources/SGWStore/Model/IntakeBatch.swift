import Foundation

/// The records of one webhook request or one polled page, stored with their bookkeeping in one transaction: an
/// import row (so that they are counted and listed like a file's), their messages, rejections and deliveries, the
/// answer given to the sender, and the source's watermark after them.
public struct IntakeBatch: Sendable {
    /// The adapter.
    public var adapter: String
    /// What the records came in, as the import lists it: `webhook msg_2Kx…`, or the page's URL.
    public var source: String
    /// The body's size in bytes.
    public var size: Int64
    /// The body's SHA-256, hex.
    public var sha256: String
    /// The sender's id for the request (a webhook's `webhook-id`): a request seen before is answered as before and
    /// nothing is stored again.
    public var requestID: String?
    /// The mapped records' messages, in record order.
    public var items: [IngestItem]
    /// How many of `items` each mapped record gave, in order: the counts are by record.
    public var messagesPerRecord: [Int]
    /// The rejected records' rejections.
    public var rejections: [StoredRejection]
    /// Records read, and of them rejected, and skipped (no message of the mapping applied).
    public var rows: Int, rejected: Int, skipped: Int
    /// The source's watermark once these records are stored (the greatest update time seen, a cursor), kept for the
    /// adapter in the same transaction, so that a restart neither misses nor repeats a record.
    public var watermark: String?
    /// The answer to the sender, made from the outcomes inside the transaction and kept with the request.
    public var answer: (@Sendable ([IngestOutcome]) -> String)?

    /// A batch.
    public init(adapter: String, source: String, size: Int64, sha256: String, requestID: String? = nil, items: [IngestItem],
                messagesPerRecord: [Int], rejections: [StoredRejection], rows: Int, rejected: Int, skipped: Int = 0,
                watermark: String? = nil,
                answer: (@Sendable ([IngestOutcome]) -> String)? = nil) {
        self.adapter = adapter
        self.source = source
        self.size = size
        self.sha256 = sha256
        self.requestID = requestID
        self.items = items
        self.messagesPerRecord = messagesPerRecord
        self.rejections = rejections
        self.rows = rows
        self.rejected = rejected
        self.skipped = skipped
        self.watermark = watermark
        self.answer = answer
    }
}

/// What storing an `IntakeBatch` did.
public struct IntakeResult: Sendable {
    /// The import row that lists it.
    public var importID: Int64
    /// What happened to each message, in order (empty for a request answered before).
    public var outcomes: [IngestOutcome]
    /// The same, counted by record (zero for a request answered before).
    public var counts: IngestCounts
    /// The answer kept for the request: made now, or the one given the first time.
    public var answer: String?
    /// Whether the request had been stored before (its `requestID` was known): nothing was stored now.
    public var seenBefore: Bool

    /// A result.
    public init(importID: Int64, outcomes: [IngestOutcome], counts: IngestCounts, answer: String?, seenBefore: Bool) {
        self.importID = importID
        self.outcomes = outcomes
        self.counts = counts
        self.answer = answer
        self.seenBefore = seenBefore
    }
}
