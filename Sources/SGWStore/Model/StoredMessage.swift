public import Foundation
public import SGWCore

/// A stored message with its bookkeeping.
public struct StoredMessage: Sendable {
    /// The message (its envelope carries the version).
    public var message: CanonicalMessage
    /// The import that brought it, when it came from a file.
    public var importID: Int64?
}

/// One event in a message's history: who did what, when.
public struct HistoryEvent: Sendable, Hashable {
    /// When.
    public var at: Date
    /// What: `ingested`, `version`, `delivery-planned`, …
    public var event: String
    /// Details in plain words.
    public var detail: String
}
