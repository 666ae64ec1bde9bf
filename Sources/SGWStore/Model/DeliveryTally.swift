/// Deliveries counted by where they stand, for one destination or one department: the console's overview.
public struct DeliveryTally: Sendable, Hashable {
    /// The destination or the department (empty for messages that name none).
    public var group: String
    /// Waiting to be sent or in flight (`pending`, `leased`).
    public var pending = 0
    /// Delivered, and of those after their deadline.
    public var delivered = 0, deliveredLate = 0
    /// Not delivered (dead letters included) and past their deadline, or due before the at-risk cutoff.
    public var overdue = 0, atRisk = 0
    /// Dead letters.
    public var dead = 0

    /// A tally of nothing yet.
    public init(group: String) { self.group = group }
}

/// What a `DeliveryTally` groups by.
public enum DeliveryGrouping: String, Sendable, CaseIterable {
    case destination, department
}
