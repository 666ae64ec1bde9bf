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
}
