public import Foundation
public import SGWCore

/// The delivery queue: leases, the workers' reports, offline-package receipts, dead letters and their replay.
public protocol DeliveryQueue: Sendable {
    /// Leases up to `limit` deliveries to `destination` that are due at `now` (pending and past their retry time,
    /// or leased with an expired lease), earliest deadline first, and commits the leases before returning.
    func lease(destination: String, now: Date, limit: Int, machine: DeliveryStateMachine) throws -> [DeliveryLease]

    /// Applies the workers' reports in one transaction, through `machine`; a report whose lease was taken over is
    /// ignored. Returns the action taken for each report, in order.
    func complete(_ reports: [DeliveryReport], now: Date, machine: DeliveryStateMachine) throws -> [DeliveryStateMachine.Action]

    /// `complete(reports)`, then `lease(destination, limit)`, in one transaction: a worker that keeps sending
    /// commits once per wave instead of twice.
    func complete(_ reports: [DeliveryReport], thenLease destination: String, limit: Int, now: Date,
                  machine: DeliveryStateMachine) throws -> (actions: [DeliveryStateMachine.Action], leases: [DeliveryLease])

    /// The current leases of `destination` for these messages (an offline package's receipt names messages, not leases).
    func leases(destination: String, messageIDs: [String]) throws -> [DeliveryLease]

    /// Applies the receipt for package `receipt` of `destination`: the reports of the records it confirms or rejects
    /// and its claims, and the mark that it was applied, in one transaction. Nil (nothing written) when it was
    /// applied before.
    func applyReceipt(destination: String, receipt: String, file: String, reports: [DeliveryReport], claims: [PlatformEvent],
                      now: Date, machine: DeliveryStateMachine) throws -> [DeliveryStateMachine.Action]?

    /// Appends events to messages' histories.
    func appendHistory(_ entries: [(messageID: String, event: String, detail: String)], at: Date) throws

    /// What is left to do for `destinations` at `now`.
    func backlog(destinations: [String], now: Date) throws -> DeliveryBacklog

    /// Dead letters, oldest first.
    func deadLetters(limit: Int) throws -> [DeadLetter]

    /// How many dead letters have `code`.
    func deadLetterCount(code: String) throws -> Int

    /// One dead letter.
    func deadLetter(deliveryID: Int64) throws -> DeadLetter?

    /// Makes dead letters due again (all when `deliveryIDs` is nil), except incomplete records (held until a
    /// corrected record is imported); returns how many were replayed.
    func replay(deliveryIDs: [Int64]?, now: Date, by actor: Principal, machine: DeliveryStateMachine) throws -> Int
}
