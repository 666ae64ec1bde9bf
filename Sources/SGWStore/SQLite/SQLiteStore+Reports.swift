public import Foundation
import GRDB

/// The accountability reports' reads: the rows behind a period's report, and the same period counted in SQL.
extension SQLiteStore {
    public func reportRows(_ query: ReportQuery) throws -> ReportRows {
        let (clause, arguments) = Self.reportClause(query)
        return try writer.read { db in
            let messageColumns = "m.id AS mid, m.kind, m.profile, m.department, m.receivedAt"
            func message(_ row: Row) -> ReportRows.Message {
                ReportRows.Message(id: row["mid"], kind: row["kind"], profile: row["profile"], department: row["department"],
                                   receivedAt: Date(timeIntervalSince1970: row["receivedAt"]))
            }
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message m WHERE \(clause)", arguments: arguments) ?? 0
            let deliveries = try Row.fetchAll(db, sql: """
                SELECT \(messageColumns), d.duty, d.destination, d.state, d.dueAt, d.deliveredAt, x.code
                FROM message m JOIN delivery d ON \(Self.duties("d", of: "m")) LEFT JOIN deadletter x ON x.deliveryID = d.id
                WHERE \(clause) AND d.state != 'superseded' ORDER BY m.receivedAt, m.id, d.id
                """, arguments: arguments).map { row in
                ReportRows.Delivery(message: message(row), duty: row["duty"], destination: row["destination"], state: row["state"],
                                    dueAt: (row["dueAt"] as Double?).map(Date.init(timeIntervalSince1970:)),
                                    deliveredAt: (row["deliveredAt"] as Double?).map(Date.init(timeIntervalSince1970:)),
                                    deadLetterCode: row["code"])
            }
            let deadlines = try Row.fetchAll(db, sql: """
                SELECT \(messageColumns), dl.duty, dl.state, dl.dueAt, dl.closedAt, dl.closedBy
                FROM message m JOIN deadline dl ON \(Self.duties("dl", of: "m"))
                WHERE \(clause) ORDER BY m.receivedAt, m.id, dl.id
                """, arguments: arguments).map { row in
                ReportRows.Deadline(message: message(row), duty: row["duty"], state: row["state"],
                                    dueAt: Date(timeIntervalSince1970: row["dueAt"]),
                                    closedAt: (row["closedAt"] as Double?).map(Date.init(timeIntervalSince1970:)), closedBy: row["closedBy"])
            }
            return ReportRows(messages: count, deliveries: deliveries, deadlines: deadlines)
        }
    }

    public func periodFigures(_ query: ReportQuery, now: Date) throws -> PeriodFigures {
        let (clause, arguments) = Self.reportClause(query)
        let t = now.timeIntervalSince1970
        return try writer.read { db in
            var figures = PeriodFigures()
            figures.messages = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message m WHERE \(clause)", arguments: arguments) ?? 0
            // Counted here by state in SQL, apart from the report's own classification of rows, so that the two agree
            // only when both are right.
            for row in try Row.fetchAll(db, sql: """
                SELECT d.duty, COUNT(*) AS total,
                       SUM(d.state = 'delivered' AND (d.dueAt IS NULL OR d.deliveredAt <= d.dueAt)) AS onTime,
                       SUM(d.state = 'delivered' AND d.deliveredAt > d.dueAt) AS late,
                       SUM(d.state = 'dead') AS dead,
                       SUM(d.state = 'dead' AND x.code = 'incomplete-record') AS held,
                       SUM(d.state IN ('pending', 'leased') AND (d.dueAt IS NULL OR d.dueAt >= ?)) AS waiting,
                       SUM(d.state IN ('pending', 'leased') AND d.dueAt < ?) AS overdue
                FROM message m JOIN delivery d ON \(Self.duties("d", of: "m")) LEFT JOIN deadletter x ON x.deliveryID = d.id
                WHERE \(clause) AND d.state != 'superseded' GROUP BY d.duty
                """, arguments: StatementArguments([t, t]) + arguments) {
                var f = PeriodFigures.Deliveries()
                f.total = row["total"]; f.onTime = row["onTime"] ?? 0; f.late = row["late"] ?? 0
                f.deadLetters = row["dead"] ?? 0; f.held = row["held"] ?? 0
                f.waiting = row["waiting"] ?? 0; f.overdue = row["overdue"] ?? 0
                figures.deliveries[row["duty"]] = f
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT dl.duty, dl.state, COUNT(*) AS n FROM message m JOIN deadline dl ON \(Self.duties("dl", of: "m"))
                WHERE \(clause) GROUP BY dl.duty, dl.state
                """, arguments: arguments) {
                figures.deadlines[row["duty"], default: [:]][row["state"]] = row["n"]
            }
            return figures
        }
    }

    /// The condition on `m` a report query puts, and its arguments: the period by receipt (the `message_by_received`
    /// index, or `message_by_department` for one department), profile, department, scope, every version.
    static func reportClause(_ query: ReportQuery) -> (String, StatementArguments) {
        var clauses = ["m.receivedAt >= ?", "m.receivedAt < ?"]
        var arguments: [any DatabaseValueConvertible] = [query.from.timeIntervalSince1970, query.until.timeIntervalSince1970]
        if let profile = query.profile { clauses.append("m.profile = ?"); arguments.append(profile) }
        if let department = query.department { clauses.append("m.department = ?"); arguments.append(department) }
        if let (clause, scopeArguments) = scopeClause(query.scope) {
            clauses.append(clause)
            arguments += scopeArguments
        }
        return (clauses.joined(separator: " AND "), StatementArguments(arguments))
    }
}
