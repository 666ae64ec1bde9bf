public import Foundation
public import SGWCore

/// Which messages a listing selects: `sgw messages`, the admin API's `/api/v1/messages`, the console's search.
/// Every condition given must hold; a nil one selects everything.
public struct MessageFilter: Sendable, Hashable {
    /// The kind.
    public var kind: MessageKind?
    /// The adapter that brought it.
    public var adapter: String?
    /// Its department (`MessageBody.department`), exactly.
    public var department: String?
    /// Its counterparty's USCC or ID number (`Counterparty.identity`).
    public var counterparty: String?
    /// Received at or after.
    public var since: Date?
    /// Received before.
    public var until: Date?
    /// A delivery of it (`pending`, `delivered`, `dead` …) or a deadline of it (`open`, `claimed`, `auto-claimed`,
    /// `overdue` …) is in this state.
    public var state: String?
    /// Every version of each record, not only the current one.
    public var allVersions: Bool
    /// Who reads: a department's token narrows every listing to its own messages.
    public var scope: MessageScope

    /// A filter; with no arguments, every record's current version.
    public init(kind: MessageKind? = nil, adapter: String? = nil, department: String? = nil, counterparty: String? = nil,
                since: Date? = nil, until: Date? = nil, state: String? = nil, allVersions: Bool = false, scope: MessageScope = .all) {
        self.kind = kind
        self.adapter = adapter
        self.department = department
        self.counterparty = counterparty
        self.since = since
        self.until = until
        self.state = state
        self.allVersions = allVersions
        self.scope = scope
    }
}
