public import Foundation

/// What is left to do for some destinations.
public struct DeliveryBacklog: Sendable, Hashable {
    /// Pending deliveries due now.
    public var due: Int
    /// Pending deliveries waiting for their retry time.
    public var waiting: Int
    /// Deliveries held by a worker (or by one that crashed, until the lease expires).
    public var leased: Int
    /// The earliest time something becomes due (a retry, an expiring lease).
    public var nextDueAt: Date?

    /// Counts.
    public init(due: Int, waiting: Int, leased: Int, nextDueAt: Date?) {
        self.due = due
        self.waiting = waiting
        self.leased = leased
        self.nextDueAt = nextDueAt
    }

    /// Nothing pending or held.
    public var isIdle: Bool { due == 0 && waiting == 0 && leased == 0 }
}
