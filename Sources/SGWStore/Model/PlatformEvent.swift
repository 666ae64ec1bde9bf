public import SGWCore
public import Foundation

/// A claim or feedback event from a platform.
public struct PlatformEvent: Sendable, Hashable {
    /// `claimed` (认领) or `dispute` (反馈意见).
    public enum Kind: String, Sendable, Hashable { case claimed, dispute }
    /// The message it concerns.
    public var messageID: MessageID
    /// What.
    public var kind: Kind
    /// The department.
    public var department: String
    /// The reason of a dispute.
    public var reason: String?
    /// When it happened on the platform.
    public var at: Date

    /// An event.
    public init(messageID: MessageID, kind: Kind, department: String, reason: String? = nil, at: Date) {
        self.messageID = messageID
        self.kind = kind
        self.department = department
        self.reason = reason
        self.at = at
    }
}
