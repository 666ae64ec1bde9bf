public import Foundation

/// Claims and feedback: the platforms' events recorded once, deadlines closed when due, and the figures of both.
public protocol ClaimsStore: Sendable {
    /// The claims feed's cursor for `source` (0 before the first poll).
    func eventCursor(source: String) throws -> Int

    /// Records claim and feedback events and moves the feed's cursor (nil for pushed events), in one transaction.
    /// An event recorded before (a feed read twice, a callback retried) changes nothing.
    func record(_ events: [PlatformEvent], source: String, cursor: Int?, now: Date) throws

    /// Closes deadlines due at `now`: unclaimed, delivered messages are auto-claimed with the responsible department
    /// recorded; feedback windows without feedback are closed.
    func closeDueDeadlines(now: Date) throws -> [ClosedDeadline]

    /// Delivery and claim figures for `sgw status`: at risk means undelivered with a deadline before `atRiskBefore`.
    func deliveryStatus(now: Date, atRiskBefore: Date) throws -> DeliveryStatus
}
