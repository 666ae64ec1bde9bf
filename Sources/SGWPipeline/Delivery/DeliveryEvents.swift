import Dispatch
import Metrics
import SGWCore
import SGWStore

/// What the delivery workers count, as typed events (names in docs/operations.md): each emits its metric in one
/// place, so that the names and labels cannot drift between call sites. Without a metrics backend (the commands
/// other than `sgw serve`) they cost a no-op.
enum DeliveryEvents {
    /// Reports committed for `destination`: `sgw_deliveries_total{destination,outcome}` with outcome `delivered`,
    /// `retry`, `dead-letter`, `given-back` or `stale`.
    static func committed(destination: String, _ actions: [DeliveryStateMachine.Action]) {
        var counts: [String: Int] = [:]
        for action in actions {
            switch action {
            case .recordDelivered: counts["delivered", default: 0] += 1
            case .retry: counts["retry", default: 0] += 1
            case .park: counts["dead-letter", default: 0] += 1
            case .release: counts["given-back", default: 0] += 1
            case .ignore: counts["stale", default: 0] += 1
            case .send: break
            }
        }
        for (outcome, n) in counts {
            Counter(label: "sgw_deliveries_total", dimensions: [("destination", destination), ("outcome", outcome)]).increment(by: n)
        }
    }

    /// One request to `destination` took `nanoseconds` (`sgw_delivery_attempt_seconds{destination}`, a histogram).
    static func attempted(destination: String, nanoseconds: UInt64) {
        Timer(label: "sgw_delivery_attempt_seconds", dimensions: [("destination", destination)], preferredDisplayUnit: .seconds)
            .recordNanoseconds(Int64(clamping: nanoseconds))
    }
}
