/// What storing records did, counted by record, as every summary shows it: rows = accepted + duplicates + updated +
/// rejected + skipped, with the messages written for them in brackets (a record often gives two messages, an
/// approval and its derived 双公示 record). The figures of an import's, a webhook request's or a page's summary.
public struct IngestCounts: Sendable, Hashable {
    /// Records with a message stored for the first time and none stored as a new version.
    public var accepted = 0
    /// Records whose messages were all known (same key and content): nothing written.
    public var duplicates = 0
    /// Records with at least one message stored as a new version of a known key (a correction).
    public var updated = 0
    /// The messages written for the accepted records, and for the updated ones (their new messages included).
    public var acceptedMessages = 0, updatedMessages = 0

    /// No records.
    public init() {}

    /// The counts of records whose messages, in order, had `outcomes`, `messagesPerRecord[i]` of them for record `i`.
    public init(outcomes: [IngestOutcome], messagesPerRecord: [Int]) {
        var start = 0
        for n in messagesPerRecord {
            let end = min(outcomes.count, start + n)
            add(record: outcomes[start..<end])
            start = end
        }
    }

    /// What became of one record, from what storing its messages did.
    public enum RecordOutcome: String, Sendable {
        case accepted, duplicate, updated

        /// A record is `updated` when one of its messages is a new version, else `accepted` when one is new, else a
        /// `duplicate`.
        public init(_ outcomes: some Sequence<IngestOutcome>) {
            var outcome = RecordOutcome.duplicate
            for o in outcomes {
                switch o {
                case .updated: self = .updated; return
                case .accepted: outcome = .accepted
                case .duplicate: break
                }
            }
            self = outcome
        }
    }

    /// Counts one more record, whose messages had `outcomes`.
    public mutating func add(record outcomes: some Collection<IngestOutcome>) {
        let written = outcomes.count { $0 != .duplicate }
        switch RecordOutcome(outcomes) {
        case .accepted: accepted += 1; acceptedMessages += written
        case .updated: updated += 1; updatedMessages += written
        case .duplicate: duplicates += 1
        }
    }

    /// Adds another set of counts.
    public static func += (a: inout IngestCounts, b: IngestCounts) {
        a.accepted += b.accepted
        a.duplicates += b.duplicates
        a.updated += b.updated
        a.acceptedMessages += b.acceptedMessages
        a.updatedMessages += b.updatedMessages
    }

    /// Records stored or found known: every record read except the rejected and skipped.
    public var records: Int { accepted + duplicates + updated }
}
