public import Foundation
public import SGWCore

/// A rejected record as the store keeps it, for reports and replay.
public struct StoredRejection: Sendable, Hashable {
    /// `row 5`, `element 3 (line 40)`.
    public var location: String
    /// The row (or element, item) number.
    public var row: Int
    /// The field; empty when the whole record was unreadable.
    public var field: String
    /// The rejection code.
    public var code: String
    /// The reason.
    public var message: String

    /// A rejection.
    public init(location: String, row: Int, field: String, code: String, message: String) {
        self.location = location
        self.row = row
        self.field = field
        self.code = code
        self.message = message
    }
}

/// What the sources that are not file imports need of the store: webhook requests and polled pages stored whole,
/// each with its answer or watermark.
public protocol IntakeStore: Sendable {
    /// Stores each batch (an import row, its messages with their deliveries and deadlines, its rejections, its
    /// answer and watermark) in one transaction, durable when this returns. A batch whose `requestID` was stored
    /// before stores nothing and returns the answer kept then.
    func intake(_ batches: [IntakeBatch], at: Date) throws -> [IntakeResult]

    /// A polled adapter's watermark, nil before its first page.
    func watermark(adapter: String) throws -> String?

    /// Sets (or, with nil, forgets) a polled adapter's watermark: an operator's reset, to read the source again.
    func setWatermark(adapter: String, to watermark: String?, at: Date) throws

    /// Throws when the store cannot take a write now (the file read-only, the disk gone, the lock held too long).
    func checkWritable() throws
}

/// The single source of truth: messages, their versions, planned deliveries and deadlines, imports, rejections,
/// and every message's history. A protocol, so that a PostgreSQL store can follow without touching callers.
public protocol MessageStore: IntakeStore {
    /// Records the start of an import and returns its id.
    func startImport(adapter: String, file: String, size: Int64, sha256: String, at: Date) throws -> Int64

    /// The last finished import of a file with this hash by this adapter, if any.
    func finishedImport(adapter: String, sha256: String) throws -> ImportRecord?

    /// Stores `items` and `rejections` in one transaction: each message with its deliveries and deadlines, or
    /// nothing. Returns what happened to each item, in order.
    func ingest(_ items: [IngestItem], rejections: [StoredRejection], importID: Int64?, at: Date) throws -> [IngestOutcome]

    /// Records an import's counts and end; the commit is durable when this returns.
    func finishImport(_ record: ImportRecord) throws

    /// Messages, newest first, filtered by kind, adapter and received time.
    func messages(kind: MessageKind?, adapter: String?, since: Date?, limit: Int) throws -> [StoredMessage]

    /// How many messages the same filters select, without a limit: what a cut listing left out.
    func messageCount(kind: MessageKind?, adapter: String?, since: Date?) throws -> Int

    /// One message by id, with its history.
    func message(id: String) throws -> (StoredMessage, [HistoryEvent])?

    /// Counts for `sgw status` at `now`.
    func status(now: Date) throws -> StoreStatus

    // MARK: Delivery

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
    func replay(deliveryIDs: [Int64]?, now: Date, by operator: String, machine: DeliveryStateMachine) throws -> Int

    // MARK: Claims and feedback

    /// The claims feed's cursor for `source` (0 before the first poll).
    func eventCursor(source: String) throws -> Int

    /// Records claim and feedback events and moves the feed's cursor (nil for pushed events), in one transaction.
    /// An event recorded before (a feed read twice, a callback retried) changes nothing.
    func record(_ events: [PlatformEvent], source: String, cursor: Int?, now: Date) throws

    /// Acts on deadlines due at `now` as their profile in `profiles` says: an unclaimed, delivered message is
    /// auto-claimed where the text says so and overdue (still open, with the late department recorded) where it does
    /// not; feedback windows without feedback are closed.
    func closeDueDeadlines(now: Date, profiles: ProfileCatalog) throws -> [ClosedDeadline]

    /// Counts again, with the calendar now loaded, every waiting deadline and open delivery that was provisional (it fell
    /// in a year whose calendar was not loaded) and falls in one of `loadedYears`: `plan` gives a message's deliveries and deadlines as the planner would
    /// now, those counted from the push from `acknowledgedAt` when the message was acknowledged. A changed deadline is
    /// written with a history line; returns how many changed.
    func recountProvisional(now: Date, loadedYears: [Int], plan: (_ message: CanonicalMessage, _ acknowledgedAt: Date?) -> (deliveries: [PlannedDelivery], deadlines: [PlannedDeadline])) throws -> Int

    /// Delivery and claim figures for `sgw status`: at risk means undelivered with a deadline before `atRiskBefore`.
    func deliveryStatus(now: Date, atRiskBefore: Date) throws -> DeliveryStatus
}
