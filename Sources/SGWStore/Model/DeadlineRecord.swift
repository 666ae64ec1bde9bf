public import Foundation

/// A duty with a deadline: a deadline row (a claim, feedback, a verification) or, in `dueItems`, an undelivered
/// delivery's push.
public struct DeadlineRecord: Sendable, Hashable {
    /// Which table it comes from.
    public enum Source: String, Sendable, Hashable { case deadline, delivery }
    /// Where it comes from, and its id there.
    public var source: Source
    public var id: Int64
    /// The message, its kind and its department.
    public var messageID: String
    public var kind: String
    public var department: String?
    /// The duty, and the destination for a delivery.
    public var duty: String
    public var destination: String?
    /// The deadline, and whether it is provisional (a year whose calendar is not loaded).
    public var dueAt: Date?
    public var provisional: Bool
    /// The state: a deadline's (`open`, `claimed`, `claimed-late`, `auto-claimed`, `overdue`, `disputed`, `closed`,
    /// `verified` …) or a delivery's (`pending`, `leased`, `dead`).
    public var state: String
    /// When it was closed and who answers for it (the claiming department, or the one that is late).
    public var closedAt: Date?
    public var closedBy: String?
}

/// How many claim deadlines one department has in one state.
public struct ClaimTally: Sendable, Hashable {
    /// The department that answers for them.
    public var department: String
    /// The state.
    public var state: String
    /// How many.
    public var count: Int

    /// A tally.
    public init(department: String, state: String, count: Int) {
        self.department = department
        self.state = state
        self.count = count
    }
}

/// A claim or feedback event as recorded: the event, the feed or callback it came through, and when.
public struct PlatformEventRecord: Sendable, Hashable {
    /// The event.
    public var event: PlatformEvent
    /// `interaction`, `callback:SOURCE`, `package:DESTINATION`.
    public var source: String
    /// When sgw recorded it.
    public var recordedAt: Date
}
