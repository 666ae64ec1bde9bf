public import Foundation

/// One item behind a report's number: a delivery or a deadline of one message, with what happened to it.
public struct ReportEntry: Sendable, Hashable {
    /// The message.
    public var messageID: String
    /// Its kind (`approval`, `supervision`, `credit.licence` …).
    public var kind: String
    /// The row's department (`（未指定部门）` when the message names none) and duty.
    public var department: String, duty: String
    /// When sgw received the message: what puts it in the period.
    public var receivedAt: Date
    /// The deadline, and when it was done (delivered, claimed, auto-claimed), if it was.
    public var dueAt: Date?, doneAt: Date?
    /// Who: the department that claimed it or answers for it (an auto-claim, an overdue claim), or the destination
    /// of a delivery.
    public var party: String?
    /// The state as the store holds it (`delivered`, `auto-claimed`, a dead letter's code …).
    public var state: String

    /// An entry.
    public init(messageID: String, kind: String, department: String, duty: String, receivedAt: Date, dueAt: Date?, doneAt: Date?,
                party: String?, state: String) {
        self.messageID = messageID
        self.kind = kind
        self.department = department
        self.duty = duty
        self.receivedAt = receivedAt
        self.dueAt = dueAt
        self.doneAt = doneAt
        self.party = party
        self.state = state
    }
}
