public import Foundation
public import SGWCore

/// Reading what the store holds: messages, their versions and history, and the counts `sgw status` shows.
public protocol MessageQueries: Sendable {
    /// Messages, newest first, filtered by kind, adapter and received time: each record's current version, or with
    /// `allVersions` every version.
    func messages(kind: MessageKind?, adapter: String?, since: Date?, allVersions: Bool, limit: Int) throws -> [StoredMessage]

    /// How many messages the same filters select, without a limit: what a cut listing left out.
    func messageCount(kind: MessageKind?, adapter: String?, since: Date?, allVersions: Bool) throws -> Int

    /// One message by id, with its history.
    func message(id: String) throws -> (StoredMessage, [HistoryEvent])?

    /// Every version of the record the message `id` is a version of (same kind and key), oldest first.
    func versions(ofMessage id: String) throws -> [StoredMessage]

    /// Counts for `sgw status` at `now`.
    func status(now: Date) throws -> StoreStatus
}
