public import Foundation

/// A planned delivery of a message to a destination and where it stands.
public struct DeliveryRecord: Sendable, Hashable {
    /// The delivery's id.
    public var id: Int64
    /// The message, its kind and key, and its department.
    public var messageID: String
    public var kind: String, key: String
    public var department: String?
    /// The queue (`interaction`, `credit`, a package destination) and the duty it fulfils.
    public var destination: String, duty: String
    /// Its deadline (none for some duties), and whether it is counted into a year whose calendar is not loaded.
    public var dueAt: Date?
    public var provisional: Bool
    /// `pending`, `leased`, `delivered`, `dead` or `superseded`; the attempts made.
    public var state: String
    public var attempts: Int
    /// When it is due again (a retry's time).
    public var notBefore: Date?
    /// When it was delivered and the receipt the destination gave.
    public var deliveredAt: Date?
    public var receipt: String?
    /// The last failure.
    public var lastError: String?
    /// When it was planned.
    public var createdAt: Date
}
