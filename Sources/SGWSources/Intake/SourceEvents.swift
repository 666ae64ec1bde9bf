import Foundation
import Metrics
public import SGWStore

/// What one source adapter counts, as typed events: each emits its metrics in one place (names in
/// docs/operations.md). The metric handles are made once per adapter, when its receiver or poller is built: made per
/// request, each was a lookup in the metrics backend's registry under its lock.
public struct SourceEvents: Sendable {
    private let accepted, duplicates, updated, rejected, skipped, errors: Counter
    private let lastSuccess: Gauge

    /// The events of `adapter`.
    public init(adapter: String) {
        func records(_ outcome: String) -> Counter {
            Counter(label: "sgw_records_total", dimensions: [("adapter", adapter), ("outcome", outcome)])
        }
        (accepted, duplicates, updated, rejected, skipped) = (records("accepted"), records("duplicate"), records("updated"),
                                                             records("rejected"), records("skipped"))
        errors = Counter(label: "sgw_source_errors_total", dimensions: [("adapter", adapter)])
        lastSuccess = Gauge(label: "sgw_source_last_success_timestamp_seconds", dimensions: [("adapter", adapter)])
    }

    /// Records were stored: `sgw_records_total{adapter,outcome}` (records accepted, duplicate, updated, rejected and
    /// skipped), and the time of this success.
    public func stored(_ counts: IngestCounts, rejected rejectedRecords: Int, skipped skippedRecords: Int = 0) {
        for (counter, n) in [(accepted, counts.accepted), (duplicates, counts.duplicates), (updated, counts.updated),
                             (rejected, rejectedRecords), (skipped, skippedRecords)] where n > 0 {
            counter.increment(by: n)
        }
        lastSuccess.record(Date().timeIntervalSince1970)
    }

    /// A poll failed (`sgw_source_errors_total{adapter}`).
    public func failed() { errors.increment() }
}
