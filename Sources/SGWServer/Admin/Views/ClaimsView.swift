/// `GET /api/v1/claims`: claim deadlines per department and state (the counts of the whole selection), and a page of
/// them.
public struct ClaimsView: Encodable, Sendable {
    /// One department's claim deadlines by state (`open`, `claimed`, `claimed-late`, `auto-claimed`, `overdue`,
    /// `disputed`), and their sum.
    public struct Department: Encodable, Sendable, Hashable {
        public var department: String
        public var states: [String: Int]
        public var total: Int
    }

    public var departments: [Department]
    public var claims: PageView<DeadlineView>
}
