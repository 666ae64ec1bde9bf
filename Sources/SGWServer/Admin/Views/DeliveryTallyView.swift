public import SGWStore

/// Deliveries counted for one destination or department: pending, delivered (late), overdue, at risk, dead letters.
public struct DeliveryTallyView: Encodable, Sendable, Hashable {
    public var group: String
    public var pending: Int, delivered: Int, deliveredLate: Int, overdue: Int, atRisk: Int, deadLetters: Int

    /// The view of `t`.
    public init(_ t: DeliveryTally) {
        group = t.group
        (pending, delivered, deliveredLate) = (t.pending, t.delivered, t.deliveredLate)
        (overdue, atRisk, deadLetters) = (t.overdue, t.atRisk, t.dead)
    }
}
