public import Foundation
public import SGWCore

/// Reading what the store holds: messages, their versions and history, and the counts `sgw status` shows.
public protocol MessageQueries: Sendable {
    /// The messages `filter` selects, newest first, skipping the first `offset`.
    func messages(_ filter: MessageFilter, limit: Int, offset: Int) throws -> [StoredMessage]

    /// Hands the messages `filter` selects to `body` one at a time as they are read, newest first, at most `limit`: a
    /// listing of the whole store holds one message at a time, not all of them. Returns how many were handed over.
    @discardableResult
    func eachMessage(_ filter: MessageFilter, limit: Int, _ body: (StoredMessage) throws -> Void) throws -> Int

    /// How many messages `filter` selects, without a limit: what a cut listing left out.
    func messageCount(_ filter: MessageFilter) throws -> Int

    /// A page of the messages `filter` selects and their total, read together so that they agree.
    func messagePage(_ filter: MessageFilter, limit: Int, offset: Int) throws -> ListPage<StoredMessage>

    /// How many messages `filter` selects, by kind (kinds with none left out).
    func messageCountsByKind(_ filter: MessageFilter) throws -> [MessageKind: Int]

    /// One message by id, with its history.
    func message(id: String) throws -> (StoredMessage, [HistoryEvent])?

    /// For each of these messages that is an approval, the warnings about its counterparty from the messages received
    /// before it (`MessageBody.warningForLaterApprovals`), the latest version of each such record received before it;
    /// messages without any are left out.
    func counterpartyWarnings(forMessages ids: [String]) throws -> [String: [CounterpartyWarning]]

    /// Every stored message about the counterparty `identity` that restricts approvals (a revoked licence, a dishonesty
    /// record), oldest first: what a new approval for it would be warned of.
    func counterpartyRestrictions(identity: String) throws -> [CounterpartyWarning]

    /// Whether a reader with `scope` may see the message `id` (false when there is no such message).
    func isVisible(messageID id: String, to scope: MessageScope) throws -> Bool

    /// Every version of the record the message `id` is a version of (same kind and key), oldest first.
    func versions(ofMessage id: String) throws -> [StoredMessage]

    /// Counts for `sgw status` at `now`.
    func status(now: Date) throws -> StoreStatus
}

extension MessageQueries {
    /// The first `limit` messages `filter` selects, newest first.
    public func messages(_ filter: MessageFilter, limit: Int) throws -> [StoredMessage] {
        try messages(filter, limit: limit, offset: 0)
    }
}
