import Foundation
import Metrics
public import SGWStore

/// What the sources count, as typed events: each emits its metrics in one place (names in docs/operations.md).
public enum SourceEvents {
    /// Records of `adapter` were stored: `sgw_records_total{adapter,outcome}` per outcome (messages for accepted,
    /// duplicate and updated; records for rejected and skipped).
    public static func stored(adapter: String, outcomes: [IngestOutcome], rejected: Int, skipped: Int = 0) {
        var accepted = 0, duplicates = 0, updated = 0
        for o in outcomes {
            switch o {
            case .accepted: accepted += 1
            case .duplicate: duplicates += 1
            case .updated: updated += 1
            }
        }
        for (outcome, n) in [("accepted", accepted), ("duplicate", duplicates), ("updated", updated), ("rejected", rejected),
                             ("skipped", skipped)] where n > 0 {
            Counter(label: "sgw_records_total", dimensions: [("adapter", adapter), ("outcome", outcome)]).increment(by: n)
        }
        Gauge(label: "sgw_source_last_success_timestamp_seconds", dimensions: [("adapter", adapter)])
            .record(Date().timeIntervalSince1970)
    }

    /// A poll of `adapter` failed (`sgw_source_errors_total{adapter}`).
    public static func failed(adapter: String) {
        Counter(label: "sgw_source_errors_total", dimensions: [("adapter", adapter)]).increment()
    }
}
