/// A message the store cannot hold as planned, with a stable code.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The stable code.
    public let code: String
    /// What happened, in plain words.
    public let message: String
    public var description: String { "\(code): \(message)" }

    /// A message planned with more deliveries or deadlines than its duties' keys leave room for (`dutiesPerMessage`).
    static func tooManyDuties(message id: String, deliveries: Int, deadlines: Int) -> Self {
        Self(code: "too-many-duties", message: "message \(id) was planned with \(deliveries) deliveries and \(deadlines) deadlines; "
             + "the store holds at most \(SQLiteStore.dutiesPerMessage) of each a message")
    }

    /// A record's version found taken where the store's single writer had just read it as free: another process wrote
    /// to the store without its lock, and nothing of the chunk is kept.
    static func versionTaken(kind: String, key: String, version: Int) -> Self {
        Self(code: "version-taken", message: "\(kind) \(key): version \(version) is already stored, though the store read it as free")
    }
}
