/// What storing messages did, counted: the figures of an import's, a webhook request's or a page's summary.
public struct IngestCounts: Sendable, Hashable {
    /// Messages new, known (same key and content), or stored as a new version.
    public var accepted = 0, duplicates = 0, updated = 0

    /// The counts of `outcomes`.
    public init(_ outcomes: some Sequence<IngestOutcome> = []) {
        for o in outcomes { add(o) }
    }

    /// Counts one more.
    public mutating func add(_ outcome: IngestOutcome) {
        switch outcome {
        case .accepted: accepted += 1
        case .duplicate: duplicates += 1
        case .updated: updated += 1
        }
    }

    /// Adds another set of counts.
    public static func += (a: inout IngestCounts, b: IngestCounts) {
        a.accepted += b.accepted
        a.duplicates += b.duplicates
        a.updated += b.updated
    }
}
