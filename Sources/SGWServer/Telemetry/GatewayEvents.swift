import Metrics

/// What the HTTP server counts, as typed events: each emits its metric in one place, so that the names and labels
/// `docs/operations.md` lists cannot drift apart between call sites.
struct GatewayEvents: Sendable {
    /// A webhook request was answered with `status` (`sgw_webhook_requests_total{adapter,status}`).
    func webhookAnswered(adapter: String, status: Int) {
        Counter(label: "sgw_webhook_requests_total", dimensions: [("adapter", adapter), ("status", String(status))]).increment()
    }
}
