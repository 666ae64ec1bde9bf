public import Foundation
public import SGWCore

/// Claims and feedback: the platforms' events recorded once, deadlines closed when due, and the figures of both.
public protocol ClaimsStore: Sendable {
    /// The claims feed's cursor for `source` (0 before the first poll).
    func eventCursor(source: String) throws -> Int

    /// Records claim and feedback events and moves the feed's cursor (nil for pushed events), in one transaction.
    /// An event recorded before (a feed read twice, a callback retried) changes nothing.
    func record(_ events: [PlatformEvent], source: String, cursor: Int?, now: Date) throws

    /// Acts on deadlines due at `now` as their profile in `profiles` says: an unclaimed, delivered message is
    /// auto-claimed where the text says so and overdue (still open, with the late department recorded) where it does
    /// not; feedback windows without feedback are closed.
    func closeDueDeadlines(now: Date, profiles: ProfileCatalog) throws -> [ClosedDeadline]

    /// Counts again, with the calendar now loaded, every waiting deadline and open delivery that was provisional (it
    /// fell in a year whose calendar was not loaded) and falls in one of `loadedYears`: `plan` gives a message's
    /// deliveries and deadlines as the planner would now, those counted from the push from `acknowledgedAt` when the
    /// message was acknowledged. A changed deadline is written with a history line; returns how many changed.
    func recountProvisional(now: Date, loadedYears: [Int],
                            plan: (_ message: CanonicalMessage, _ acknowledgedAt: Date?) -> (deliveries: [PlannedDelivery], deadlines: [PlannedDeadline]))
        throws -> Int

    /// Delivery and claim figures for `sgw status`: at risk means undelivered with a deadline before `atRiskBefore`.
    func deliveryStatus(now: Date, atRiskBefore: Date) throws -> DeliveryStatus
}
