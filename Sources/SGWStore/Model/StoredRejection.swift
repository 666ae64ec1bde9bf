public import SGWCore

/// A rejected record as the store keeps it, for reports and replay.
public struct StoredRejection: Sendable, Hashable {
    /// `row 5`, `element 3 (line 40)`.
    public var location: String
    /// The row (or element, item) number.
    public var row: Int
    /// The field; empty when the whole record was unreadable.
    public var field: String
    /// The rejection code.
    public var code: Rejection.Code
    /// The reason.
    public var message: String

    /// A rejection.
    public init(location: String, row: Int, field: String, code: Rejection.Code, message: String) {
        self.location = location
        self.row = row
        self.field = field
        self.code = code
        self.message = message
    }
}
