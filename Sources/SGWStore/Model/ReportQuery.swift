public import Foundation

/// Which messages an accountability report covers: those sgw received in `[from, until)`, optionally of one profile
/// and one department, and only those `scope` may see.
///
/// "In the period" is the receipt: a message received in the period is reported there with everything that happened
/// to it since (its push, claim, dispute, credit record), as the store holds it when the report is made. Receipt is
/// when the gateway's duties start (an at-once push runs from it, a claim from the push that follows), so each message
/// is reported in exactly one period, and a report made later shows the same messages with their later outcomes.
public struct ReportQuery: Sendable, Hashable {
    /// Received at or after.
    public var from: Date
    /// Received before.
    public var until: Date
    /// The profile (jurisdiction); nil: every profile.
    public var profile: String?
    /// The message's department (`MessageBody.department`), exactly; nil: every department.
    public var department: String?
    /// Who reads: a department's token sees its own messages only.
    public var scope: MessageScope

    /// A query.
    public init(from: Date, until: Date, profile: String? = nil, department: String? = nil, scope: MessageScope = .all) {
        self.from = from
        self.until = until
        self.profile = profile
        self.department = department
        self.scope = scope
    }
}
