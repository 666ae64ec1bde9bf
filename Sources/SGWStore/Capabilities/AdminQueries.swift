public import Foundation

/// What the admin API and the console read beyond `MessageQueries`: deliveries, dead letters, deadlines and claims,
/// each narrowed to a reader's `MessageScope` inside the query, so that a department's lists, counts and pages hold
/// only its messages; imports, their rejections and the adapters' activity (not scoped: the service shows them only
/// to roles that see every message).
public protocol AdminQueries: Sendable {
    /// Deliveries of messages in `scope`, newest first, to `destination` and in `state` when given; with the total.
    func deliveries(destination: String?, state: String?, scope: MessageScope, limit: Int, offset: Int) throws -> ListPage<DeliveryRecord>

    /// The deliveries of the message `id`, in the order they were planned.
    func deliveries(ofMessage id: String) throws -> [DeliveryRecord]

    /// The deadlines (claims, feedback, verification) of the message `id`, in the order they were planned.
    func deadlines(ofMessage id: String) throws -> [DeadlineRecord]

    /// The claim and feedback events recorded for the message `id`, in the order they happened.
    func platformEvents(ofMessage id: String) throws -> [PlatformEventRecord]

    /// Deliveries of messages in `scope` counted by destination or by the message's department: pending, delivered
    /// (late), overdue at `now`, at risk before `atRiskBefore`, dead (the console's overview).
    func deliveryTallies(by grouping: DeliveryGrouping, now: Date, atRiskBefore: Date, scope: MessageScope) throws -> [DeliveryTally]

    /// Dead letters of messages in `scope`, oldest first; with the total.
    func deadLetters(scope: MessageScope, limit: Int, offset: Int) throws -> ListPage<DeadLetter>

    /// Open duties of messages in `scope`, earliest first: undelivered deliveries with a deadline and waiting
    /// deadlines, those due before `now` (`.overdue`) or between `now` and `atRiskBefore` (`.atRisk`).
    func dueItems(_ window: DueWindow, now: Date, atRiskBefore: Date, scope: MessageScope, limit: Int, offset: Int) throws
        -> ListPage<DeadlineRecord>

    /// Claim deadlines of messages in `scope`, newest due first, those the department `department` answers for when
    /// given (who claimed, or the message's department while none did), due in `[since, until)`.
    func claims(department: String?, since: Date?, until: Date?, scope: MessageScope, limit: Int, offset: Int) throws
        -> ListPage<DeadlineRecord>

    /// The claim deadlines of the same selection counted per department and state.
    func claimTallies(department: String?, since: Date?, until: Date?, scope: MessageScope) throws -> [ClaimTally]

    /// Imports (files, webhook requests, polled pages), newest first, of `adapter` when given; with the total.
    func imports(adapter: String?, limit: Int, offset: Int) throws -> ListPage<ImportRecord>

    /// One import.
    func importRecord(id: Int64) throws -> ImportRecord?

    /// The rejections of an import, in row order.
    func rejections(importID: Int64) throws -> [StoredRejection]

    /// What each adapter has brought in, as its imports and watermark record it.
    func adapterActivity() throws -> [AdapterActivity]
}

/// Which open duties `dueItems` lists.
public enum DueWindow: String, Sendable, Hashable, CaseIterable {
    /// Due within the at-risk window (less than one working day left).
    case atRisk = "at-risk"
    /// Past due and not done.
    case overdue
    /// Not yet due and not done, however far off (the console's "next deadlines").
    case upcoming
}
