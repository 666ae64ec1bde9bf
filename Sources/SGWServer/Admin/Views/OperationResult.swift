/// The answer to an operation (a replay, a reload): what was done, and the audit log's line for it.
public struct OperationResult: Encodable, Sendable, Hashable {
    /// `replay`, `configuration-reload`.
    public var action: String
    /// How many were done (dead letters replayed); nil when not a count.
    public var count: Int?
    /// In plain words.
    public var detail: String
}
