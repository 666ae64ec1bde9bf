public import Foundation
public import Logging
import Metrics
public import SGWCore
import SGWPipeline
public import SGWStore
public import ServiceLifecycle

/// Refreshes the gauges read from the store every `interval` seconds: queue depth and the oldest open deadline's
/// age per destination, deliveries at risk (under one working day left) and overdue, open claims. Read from the store,
/// not counted in memory, so that they are right after a restart and agree with `sgw status`.
public struct StatusGauges: Service {
    let store: any MessageStore
    let calendar: WorkingCalendar
    let interval: TimeInterval
    let logger: Logger

    /// Gauges over `store`.
    public init(store: any MessageStore, calendar: WorkingCalendar, interval: TimeInterval, logger: Logger) {
        self.store = store
        self.calendar = calendar
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    await refresh()
                    try await Task.sleep(for: .milliseconds(Int(interval * 1000)))
                }
            }
        } catch is CancellationError {}
    }

    /// Reads the store once and sets every gauge.
    public func refresh(now: Date = Date()) async {
        let store = self.store, cutoff = calendar.atRiskCutoff(after: now)
        do {
            let s = try await blockingCall { try store.deliveryStatus(now: now, atRiskBefore: cutoff) }
            for q in s.queues {
                Gauge(label: "sgw_queue_depth", dimensions: [("destination", q.destination)]).record(q.pending + q.leased)
                Gauge(label: "sgw_dead_letters", dimensions: [("destination", q.destination)]).record(q.deadLetters)
                let age = q.oldestDueAt.map { max(0, now.timeIntervalSince($0)) } ?? 0
                Gauge(label: "sgw_oldest_due_age_seconds", dimensions: [("destination", q.destination)]).record(age)
            }
            Gauge(label: "sgw_deadlines_at_risk").record(s.atRisk)
            Gauge(label: "sgw_deadlines_overdue").record(s.overdue)
            Gauge(label: "sgw_credit_at_risk").record(s.creditAtRisk)
            Gauge(label: "sgw_credit_overdue").record(s.creditOverdue)
            Gauge(label: "sgw_claims_open").record(s.claimsOpen)
        } catch {
            logger.warning("status gauges: the store could not be read: \(error)")
        }
    }
}
