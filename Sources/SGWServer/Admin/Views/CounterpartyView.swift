/// `GET /api/v1/counterparties/{id}`: what sgw holds about a counterparty (its USCC or ID number, masked for a role
/// that may not see it): its messages (approvals, supervision, credit records), newest first, how many of each kind,
/// and the records among them that restrict approvals.
public struct CounterpartyView: Encodable, Sendable {
    public var identity: String
    public var kinds: [String: Int]
    /// The records that restrict approvals for this counterparty (a revoked licence, a dishonesty record): what a new
    /// approval for it would be warned of, oldest first.
    public var restrictions: [WarningView]
    public var messages: PageView<MessageView>
}
