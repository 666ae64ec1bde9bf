import Metrics
import Synchronization

/// What the HTTP server counts, as typed events: each emits its metric in one place, so that the names and labels
/// `docs/operations.md` lists cannot drift apart between call sites. Handles are kept once made: made per request,
/// each was a lookup in the metrics backend's registry.
final class GatewayEvents: Sendable {
    private let answers = Mutex<[String: Counter]>([:])

    /// A webhook request was answered with `status` (`sgw_webhook_requests_total{adapter,status}`).
    func webhookAnswered(adapter: String, status: Int) {
        let key = "\(adapter) \(status)"
        let counter = answers.withLock { known in
            if let c = known[key] { return c }
            let c = Counter(label: "sgw_webhook_requests_total", dimensions: [("adapter", adapter), ("status", String(status))])
            known[key] = c
            return c
        }
        counter.increment()
    }
}
