/// `GET /api/v1/counterparties/{id}`: what sgw holds about a counterparty (its USCC or ID number, masked for a role
/// that may not see it): its messages (approvals, supervision, credit records), newest first, and how many of each kind.
public struct CounterpartyView: Encodable, Sendable {
    public var identity: String
    public var kinds: [String: Int]
    public var messages: PageView<MessageView>
}
