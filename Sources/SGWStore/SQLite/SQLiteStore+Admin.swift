public import Foundation
import GRDB
import SGWCore

/// The admin API's and the console's reads. Every listing of messages' deliveries, dead letters, deadlines and claims
/// joins the message as `m` and adds `scopeClause`, the same condition `messages` uses, so that a department's page
/// and its total count only its own messages.
extension SQLiteStore {
    public func deliveries(destination: String?, state: String?, scope: MessageScope, limit: Int, offset: Int) throws
        -> ListPage<DeliveryRecord> {
        var clauses: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let destination { clauses.append("d.destination = ?"); arguments.append(destination) }
        if let state { clauses.append("d.state = ?"); arguments.append(state) }
        Self.scoped(scope, &clauses, &arguments)
        let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        return try writer.read { db in
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM delivery d JOIN message m ON m.seq = d.messageSeq \(whereSQL)",
                                         arguments: StatementArguments(arguments)) ?? 0
            let items = try Row.fetchAll(db, sql: """
                SELECT \(Self.deliveryColumns) FROM delivery d JOIN message m ON m.seq = d.messageSeq \(whereSQL)
                ORDER BY d.id DESC LIMIT ? OFFSET ?
                """, arguments: StatementArguments(arguments + [limit, offset])).map(Self.deliveryRecord)
            return ListPage(items: items, total: total)
        }
    }

    public func deliveries(ofMessage id: String) throws -> [DeliveryRecord] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(Self.deliveryColumns) FROM message m JOIN delivery d ON \(Self.duties("d", of: "m")) WHERE m.id = ? ORDER BY d.id
                """, arguments: [id]).map(Self.deliveryRecord)
        }
    }

    public func deadlines(ofMessage id: String) throws -> [DeadlineRecord] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(Self.deadlineColumns) FROM message m JOIN deadline dl ON \(Self.duties("dl", of: "m")) WHERE m.id = ? ORDER BY dl.id
                """, arguments: [id]).map(Self.dueRecord)
        }
    }

    public func platformEvents(ofMessage id: String) throws -> [PlatformEventRecord] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM platformevent WHERE messageID = ? ORDER BY at, recordedAt",
                             arguments: [id]).map { row in
                let kind = PlatformEvent.Kind(rawValue: row["kind"]) ?? .claimed
                return PlatformEventRecord(
                    event: PlatformEvent(messageID: MessageID(rawValue: row["messageID"]), kind: kind, department: row["department"],
                                         reason: row["reason"], at: Date(timeIntervalSince1970: row["at"])),
                    source: row["source"], recordedAt: Date(timeIntervalSince1970: row["recordedAt"]))
            }
        }
    }

    public func deadLetters(scope: MessageScope, limit: Int, offset: Int) throws -> ListPage<DeadLetter> {
        var clauses: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        Self.scoped(scope, &clauses, &arguments)
        let condition = clauses.map { " AND " + $0 }.joined()
        return try writer.read { db in
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (\(Self.deadLetterSQL)\(condition))",
                                         arguments: StatementArguments(arguments)) ?? 0
            let items = try Row.fetchAll(db, sql: "\(Self.deadLetterSQL)\(condition) ORDER BY l.at, l.deliveryID LIMIT ? OFFSET ?",
                                         arguments: StatementArguments(arguments + [limit, offset])).map(Self.deadLetter)
            return ListPage(items: items, total: total)
        }
    }

    public func dueItems(_ window: DueWindow, now: Date, atRiskBefore: Date, scope: MessageScope, limit: Int, offset: Int) throws
        -> ListPage<DeadlineRecord> {
        var clauses: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        Self.scoped(scope, &clauses, &arguments)
        let scopeSQL = clauses.map { " AND " + $0 }.joined()
        let range: [String] = switch window {
        case .overdue: ["< ?"]
        case .atRisk: [">= ?", "< ?"]
        case .upcoming: [">= ?"]
        }
        let bounds: [any DatabaseValueConvertible] = switch window {
        case .overdue, .upcoming: [now.timeIntervalSince1970]
        case .atRisk: [now.timeIntervalSince1970, atRiskBefore.timeIntervalSince1970]
        }
        // The two kinds of duty side by side, each read by its index (the queue's, deadline_due); the scope is asked of
        // their message.
        let union = """
            SELECT 'delivery' AS source, d.id, m.id AS messageID, m.kind, m.department, d.duty, d.destination, d.dueAt, d.provisional,
                   d.state, NULL AS closedAt, NULL AS closedBy
            FROM delivery d JOIN message m ON m.seq = d.messageSeq
            WHERE \(Self.openDeliveries("d", due: range))\(scopeSQL)
            UNION ALL
            SELECT 'deadline', dl.id, m.id AS messageID, m.kind, m.department, dl.duty, NULL, dl.dueAt, dl.provisional,
                   dl.state, dl.closedAt, dl.closedBy
            FROM deadline dl JOIN message m ON m.seq = dl.messageSeq
            WHERE dl.state IN \(Self.waitingStates)\(range.map { " AND dl.dueAt \($0)" }.joined())\(scopeSQL)
            """
        let unionArguments = bounds + arguments + bounds + arguments
        return try writer.read { db in
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (\(union))", arguments: StatementArguments(unionArguments)) ?? 0
            let items = try Row.fetchAll(db, sql: "SELECT * FROM (\(union)) ORDER BY dueAt, source, id LIMIT ? OFFSET ?",
                                         arguments: StatementArguments(unionArguments + [limit, offset])).map(Self.dueRecord)
            return ListPage(items: items, total: total)
        }
    }

    public func claims(department: String?, since: Date?, until: Date?, scope: MessageScope, limit: Int, offset: Int) throws
        -> ListPage<DeadlineRecord> {
        let (whereSQL, arguments) = Self.claimFilter(department: department, since: since, until: until, scope: scope)
        return try writer.read { db in
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM deadline dl JOIN message m ON m.seq = dl.messageSeq \(whereSQL)",
                                         arguments: StatementArguments(arguments)) ?? 0
            let items = try Row.fetchAll(db, sql: """
                SELECT \(Self.deadlineColumns) FROM deadline dl JOIN message m ON m.seq = dl.messageSeq \(whereSQL)
                ORDER BY dl.dueAt DESC, dl.id DESC LIMIT ? OFFSET ?
                """, arguments: StatementArguments(arguments + [limit, offset])).map(Self.dueRecord)
            return ListPage(items: items, total: total)
        }
    }

    public func claimTallies(department: String?, since: Date?, until: Date?, scope: MessageScope) throws -> [ClaimTally] {
        let (whereSQL, arguments) = Self.claimFilter(department: department, since: since, until: until, scope: scope)
        return try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(Self.answeringDepartment) AS department, dl.state, COUNT(*) AS n
                FROM deadline dl JOIN message m ON m.seq = dl.messageSeq \(whereSQL)
                GROUP BY 1, 2 ORDER BY 1, 2
                """, arguments: StatementArguments(arguments)).map {
                ClaimTally(department: $0["department"], state: $0["state"], count: $0["n"])
            }
        }
    }

    public func imports(adapter: String?, limit: Int, offset: Int) throws -> ListPage<ImportRecord> {
        let (whereSQL, arguments): (String, [any DatabaseValueConvertible]) = adapter.map { ("WHERE adapter = ?", [$0]) } ?? ("", [])
        return try writer.read { db in
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM import \(whereSQL)", arguments: StatementArguments(arguments)) ?? 0
            let items = try Row.fetchAll(db, sql: "SELECT * FROM import \(whereSQL) ORDER BY id DESC LIMIT ? OFFSET ?",
                                         arguments: StatementArguments(arguments + [limit, offset])).map(Self.importRecord)
            return ListPage(items: items, total: total)
        }
    }

    public func importRecord(id: Int64) throws -> ImportRecord? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM import WHERE id = ?", arguments: [id]).map(Self.importRecord)
        }
    }

    public func rejections(importID: Int64) throws -> [StoredRejection] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT location, row, field, code, message FROM rejection WHERE importID = ? ORDER BY row, id",
                             arguments: [importID]).map {
                StoredRejection(location: $0["location"], row: $0["row"], field: $0["field"],
                                code: Rejection.Code(rawValue: $0["code"]), message: $0["message"])
            }
        }
    }

    public func adapterActivity() throws -> [AdapterActivity] {
        try writer.read { db in
            var byName: [String: AdapterActivity] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT adapter, COUNT(*) AS imports, SUM(rows) AS rows, SUM(rejected) AS rejected, MAX(startedAt) AS lastStarted,
                       MAX(finishedAt) AS lastFinished, SUM(finishedAt IS NULL) AS unfinished,
                       MAX(CASE WHEN finishedAt IS NULL THEN startedAt END) AS lastUnfinished
                FROM import GROUP BY adapter
                """) {
                var a = AdapterActivity(adapter: row["adapter"])
                a.imports = row["imports"]
                a.rows = (row["rows"] as Int?) ?? 0
                a.rejected = (row["rejected"] as Int?) ?? 0
                a.unfinished = (row["unfinished"] as Int?) ?? 0
                a.lastStartedAt = Self.date(row["lastStarted"])
                a.lastFinishedAt = Self.date(row["lastFinished"])
                a.lastUnfinishedAt = Self.date(row["lastUnfinished"])
                byName[a.adapter] = a
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT i.adapter, i.id, ifnull(i.finishedAt, i.startedAt) AS at, i.rejected FROM import i
                WHERE i.id = (SELECT MAX(j.id) FROM import j WHERE j.adapter = i.adapter AND j.rejected > 0)
                """) {
                byName[row["adapter"], default: AdapterActivity(adapter: row["adapter"])].lastRejectionImportID = row["id"]
                byName[row["adapter"]]?.lastRejectionAt = Self.date(row["at"])
                byName[row["adapter"]]?.lastRejected = row["rejected"]
            }
            for row in try Row.fetchAll(db, sql: "SELECT adapter, watermark, updatedAt FROM sourcestate") {
                byName[row["adapter"], default: AdapterActivity(adapter: row["adapter"])].watermark = row["watermark"]
                byName[row["adapter"]]?.watermarkUpdatedAt = Self.date(row["updatedAt"])
            }
            return byName.values.sorted { $0.adapter < $1.adapter }
        }
    }

    /// Adds the department scope's condition on `m`, when the scope is not everything.
    static func scoped(_ scope: MessageScope, _ clauses: inout [String], _ arguments: inout [any DatabaseValueConvertible]) {
        guard let (clause, scopeArguments) = scopeClause(scope) else { return }
        clauses.append(clause)
        arguments += scopeArguments
    }

    /// Who answers for a claim deadline: the department that claimed it or is late, or else its message's department.
    static let answeringDepartment = "ifnull(dl.closedBy, ifnull(m.department, ''))"

    static func claimFilter(department: String?, since: Date?, until: Date?, scope: MessageScope) -> (String, [any DatabaseValueConvertible]) {
        var clauses = ["dl.duty IN \(claimDuties)"]
        var arguments: [any DatabaseValueConvertible] = []
        if let department { clauses.append("\(answeringDepartment) = ?"); arguments.append(department) }
        if let since { clauses.append("dl.dueAt >= ?"); arguments.append(since.timeIntervalSince1970) }
        if let until { clauses.append("dl.dueAt < ?"); arguments.append(until.timeIntervalSince1970) }
        scoped(scope, &clauses, &arguments)
        return ("WHERE " + clauses.joined(separator: " AND "), arguments)
    }

    static let deliveryColumns = """
        d.id, m.id AS messageID, m.kind, m.key, m.department, d.destination, d.duty, d.dueAt, d.provisional, d.state, d.attempts,
        d.notBefore, d.deliveredAt, d.receipt, d.lastError, d.createdAt
        """

    static func deliveryRecord(_ row: Row) -> DeliveryRecord {
        let notBefore: Double = row["notBefore"]
        return DeliveryRecord(id: row["id"], messageID: row["messageID"], kind: row["kind"], key: row["key"], department: row["department"],
                              destination: row["destination"], duty: row["duty"], dueAt: date(row["dueAt"]), provisional: row["provisional"],
                              state: row["state"], attempts: row["attempts"], notBefore: notBefore > 0 ? Date(timeIntervalSince1970: notBefore) : nil,
                              deliveredAt: date(row["deliveredAt"]), receipt: row["receipt"], lastError: row["lastError"],
                              createdAt: Date(timeIntervalSince1970: row["createdAt"]))
    }

    static let deadlineColumns = """
        'deadline' AS source, dl.id, m.id AS messageID, m.kind, m.department, dl.duty, NULL AS destination, dl.dueAt, dl.provisional,
        dl.state, dl.closedAt, dl.closedBy
        """

    /// A deadline or a due delivery, from `deadlineColumns` or the due items' columns in the same order.
    static func dueRecord(_ row: Row) -> DeadlineRecord {
        DeadlineRecord(source: DeadlineRecord.Source(rawValue: row["source"]) ?? .deadline, id: row["id"], messageID: row["messageID"],
                       kind: row["kind"], department: row["department"], duty: row["duty"], destination: row["destination"],
                       dueAt: date(row["dueAt"]), provisional: row["provisional"], state: row["state"],
                       closedAt: date(row["closedAt"]), closedBy: row["closedBy"])
    }

    static func date(_ seconds: Double?) -> Date? { seconds.map(Date.init(timeIntervalSince1970:)) }
}
