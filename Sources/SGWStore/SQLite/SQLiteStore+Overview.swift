public import Foundation
import GRDB

/// The console's overview: deliveries counted per destination or per department, in one pass over the deliveries of
/// the reader's scope.
extension SQLiteStore {
    public func deliveryTallies(by grouping: DeliveryGrouping, now: Date, atRiskBefore: Date, scope: MessageScope) throws -> [DeliveryTally] {
        var clauses: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        Self.scoped(scope, &clauses, &arguments)
        let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        let key = grouping == .destination ? "d.destination" : "ifnull(m.department, '')"
        let open = "d.state IN \(Self.openDeliveryStates) AND d.dueAt IS NOT NULL"
        return try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(key) AS grp, SUM(d.state IN ('pending', 'leased')) AS pending, SUM(d.state = 'delivered') AS delivered,
                       SUM(d.state = 'delivered' AND d.dueAt IS NOT NULL AND d.deliveredAt > d.dueAt) AS late,
                       SUM(\(open) AND d.dueAt < ?) AS overdue, SUM(\(open) AND d.dueAt >= ? AND d.dueAt < ?) AS atRisk,
                       SUM(d.state = 'dead') AS dead
                FROM delivery d JOIN message m ON m.seq = d.messageSeq \(whereSQL)
                GROUP BY 1 ORDER BY 1
                """, arguments: StatementArguments([now.timeIntervalSince1970, now.timeIntervalSince1970,
                                                   atRiskBefore.timeIntervalSince1970] + arguments)).map { row in
                var t = DeliveryTally(group: row["grp"])
                (t.pending, t.delivered, t.deliveredLate) = (row["pending"], row["delivered"], row["late"])
                (t.overdue, t.atRisk, t.dead) = (row["overdue"], row["atRisk"], row["dead"])
                return t
            }
        }
    }
}
