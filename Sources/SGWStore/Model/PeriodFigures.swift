/// A period's deliveries and deadlines counted by duty and state (`sgw status --period`): the figures an
/// accountability report of the same period must add up to.
public struct PeriodFigures: Sendable, Hashable {
    /// One duty's deliveries: delivered by their deadline (or with none), delivered after it, dead letters (of which
    /// held as incomplete records), and waiting: before the deadline, and past it.
    public struct Deliveries: Sendable, Hashable {
        public var total = 0, onTime = 0, late = 0, deadLetters = 0, held = 0, waiting = 0, overdue = 0
        /// Zeros.
        public init() {}
    }

    /// Messages received in the period.
    public var messages = 0
    /// Deliveries per duty (`approval.push`, `credit.publish` …).
    public var deliveries: [String: Deliveries] = [:]
    /// Deadlines per duty and state (`approval.claim` → `auto-claimed` → 3).
    public var deadlines: [String: [String: Int]] = [:]

    /// Zeros.
    public init() {}
}
