public import Foundation
import GRDB
public import SGWCore

/// Reading the store: messages, a message's history, and the counts `sgw status` shows.
extension SQLiteStore {
    public func messages(_ filter: MessageFilter, limit: Int, offset: Int) throws -> [StoredMessage] {
        try writer.read { db in try Self.messages(db, filter, limit: limit, offset: offset) }
    }

    public func messageCount(_ filter: MessageFilter) throws -> Int {
        try writer.read { db in try Self.messageCount(db, filter) }
    }

    public func messagePage(_ filter: MessageFilter, limit: Int, offset: Int) throws -> ListPage<StoredMessage> {
        try writer.read { db in
            ListPage(items: try Self.messages(db, filter, limit: limit, offset: offset), total: try Self.messageCount(db, filter))
        }
    }

    public func eachMessage(_ filter: MessageFilter, limit: Int, _ body: (StoredMessage) throws -> Void) throws -> Int {
        try writer.read { db in
            let (sql, arguments) = Self.messagesQuery(filter, limit: limit, offset: 0)
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            var count = 0
            while let row = try rows.next() {
                try body(try Self.storedMessage(row))
                count += 1
            }
            return count
        }
    }

    static func messages(_ db: Database, _ filter: MessageFilter, limit: Int, offset: Int) throws -> [StoredMessage] {
        let (sql, arguments) = messagesQuery(filter, limit: limit, offset: offset)
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map(storedMessage)
    }

    static func messagesQuery(_ filter: MessageFilter, limit: Int, offset: Int) -> (String, StatementArguments) {
        var (whereSQL, arguments) = messageFilter(filter)
        arguments += [limit, offset]
        // Newest first, and among messages received at the same instant (an import's all are) the last stored first:
        // `seq` is the key every index on the message ends with, so the indexes give this order without sorting every
        // message of that instant (an import of a million rows) for one page.
        return ("SELECT \(messageColumns) FROM message m \(whereSQL) ORDER BY m.receivedAt DESC, m.seq DESC LIMIT ? OFFSET ?",
                StatementArguments(arguments))
    }

    static func messageCount(_ db: Database, _ filter: MessageFilter) throws -> Int {
        let (whereSQL, arguments) = messageFilter(filter)
        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message m \(whereSQL)", arguments: StatementArguments(arguments)) ?? 0
    }

    public func messageCountsByKind(_ filter: MessageFilter) throws -> [MessageKind: Int] {
        let (whereSQL, arguments) = Self.messageFilter(filter)
        return try writer.read { db in
            var counts: [MessageKind: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT m.kind, COUNT(*) FROM message m \(whereSQL) GROUP BY m.kind",
                                        arguments: StatementArguments(arguments)) {
                guard let kind = MessageKind(rawValue: row[0]) else {
                    throw DatabaseError(message: "unknown message kind \(String(describing: row[0] as String?))")
                }
                counts[kind] = row[1]
            }
            return counts
        }
    }

    public func isVisible(messageID id: String, to scope: MessageScope) throws -> Bool {
        var (clause, arguments) = Self.scopeClause(scope) ?? ("1", [])
        arguments.insert(id, at: 0)
        return try writer.read { db in
            try Bool.fetchOne(db, sql: "SELECT 1 FROM message m WHERE m.id = ? AND \(clause)", arguments: StatementArguments(arguments)) ?? false
        }
    }

    public func counterpartyWarnings(forMessages ids: [String]) throws -> [String: [CounterpartyWarning]] {
        guard !ids.isEmpty else { return [:] }
        return try writer.read { db in try Self.counterpartyWarnings(db, forMessages: ids) }
    }

    public func counterpartyRestrictions(identity: String) throws -> [CounterpartyWarning] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, kind, body FROM message WHERE counterparty = ? AND warning IS NOT NULL ORDER BY receivedAt
                """, arguments: [identity]).compactMap { row in
                guard let kind = MessageKind(rawValue: row[1]),
                      let body = try? MessageBody(kind: kind, canonicalJSON: Data((row[2] as String).utf8)) else { return nil }
                return body.warning(messageID: MessageID(rawValue: row[0]))
            }
        }
    }

    /// `counterpartyWarnings(forMessages:)` in a transaction of the caller's: the messages that warn (`warning`, their
    /// own index) of the approval's counterparty and earlier, decoded for the details.
    static func counterpartyWarnings(_ db: Database, forMessages ids: [String]) throws -> [String: [CounterpartyWarning]] {
        var out: [String: [CounterpartyWarning]] = [:]
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
            let rows = try Row.fetchAll(db, sql: """
                SELECT a.id, r.id, r.kind, r.key, r.version, r.body FROM message a
                JOIN message r ON r.counterparty = a.counterparty AND r.warning IS NOT NULL AND r.receivedAt < a.receivedAt
                WHERE a.id IN (\(marks)) AND a.kind = 'approval' AND a.counterparty IS NOT NULL
                """, arguments: StatementArguments(chunk))
            // A record corrected before the approval counts in its latest version received before it.
            var latest: [String: [String: (version: Int, row: Row)]] = [:]
            for row in rows {
                let approval: String = row[0]
                let record = (row[2] as String) + "\u{1}" + (row[3] as String)
                if let known = latest[approval]?[record], known.version > row[4] { continue }
                latest[approval, default: [:]][record] = (row[4], row)
            }
            for (approval, records) in latest {
                let warnings = records.values.compactMap { record -> CounterpartyWarning? in
                    guard let kind = MessageKind(rawValue: record.row[2]),
                          let body = try? MessageBody(kind: kind, canonicalJSON: Data((record.row[5] as String).utf8)) else { return nil }
                    return body.warning(messageID: MessageID(rawValue: record.row[1]))
                }.sorted { ($0.decisionDate, $0.messageID) < ($1.decisionDate, $1.messageID) }
                if !warnings.isEmpty { out[approval] = warnings }
            }
        }
        return out
    }

    /// The WHERE clause of `messages` and `messageCount`, and its arguments.
    static func messageFilter(_ filter: MessageFilter) -> (String, [any DatabaseValueConvertible]) {
        var clauses: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let kind = filter.kind { clauses.append("m.kind = ?"); arguments.append(kind.rawValue) }
        if let adapter = filter.adapter { clauses.append("m.adapter = ?"); arguments.append(adapter) }
        if let department = filter.department { clauses.append("m.department = ?"); arguments.append(department) }
        if let counterparty = filter.counterparty { clauses.append("m.counterparty = ?"); arguments.append(counterparty) }
        if let since = filter.since { clauses.append("m.receivedAt >= ?"); arguments.append(since.timeIntervalSince1970) }
        if let until = filter.until { clauses.append("m.receivedAt < ?"); arguments.append(until.timeIntervalSince1970) }
        if let state = filter.state {
            clauses.append("(EXISTS (SELECT 1 FROM delivery d WHERE \(Self.duties("d", of: "m")) AND +d.state = ?)"
                           + " OR EXISTS (SELECT 1 FROM deadline dl WHERE \(Self.duties("dl", of: "m")) AND +dl.state = ?))")
            arguments += [state, state]
        }
        if let (clause, scopeArguments) = scopeClause(filter.scope) {
            clauses.append(clause)
            arguments += scopeArguments
        }
        // The record's current version: no later version of the same key (the (kind, key, version) index answers).
        if !filter.allVersions {
            clauses.append("NOT EXISTS (SELECT 1 FROM message v WHERE v.kind = m.kind AND v.key = m.key AND v.version > m.version)")
        }
        return (clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND "), arguments)
    }

    /// The condition a department's scope puts on `m`: its department, or a claim, dispute or answer the department
    /// gave on the platform (an approval that named no supervising department is its claimant's). Nil for `.all`.
    static func scopeClause(_ scope: MessageScope) -> (String, [any DatabaseValueConvertible])? {
        guard case .departments(let departments) = scope else { return nil }
        let names = departments.sorted()
        guard !names.isEmpty else { return ("0", []) }
        let marks = Array(repeating: "?", count: names.count).joined(separator: ", ")
        return ("(m.department IN (\(marks)) OR EXISTS (SELECT 1 FROM platformevent e WHERE e.messageID = m.id AND e.department IN (\(marks))))",
                names + names)
    }

    public func message(id: String) throws -> (StoredMessage, [HistoryEvent])? {
        try writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT \(Self.messageColumns) FROM message m WHERE id = ?", arguments: [id])
            else { return nil }
            var events = try Row.fetchAll(db, sql: "SELECT at, event, detail FROM history WHERE messageID = ? ORDER BY id",
                                          arguments: [id]).map {
                HistoryEvent(at: Date(timeIntervalSince1970: $0["at"]), event: $0["event"], detail: $0["detail"])
            }
            let stored = try Self.storedMessage(row)
            // Since v7 the ingest is no history row: its line is made from the message and the deliveries it planned.
            // A message stored before has its own line.
            if !events.contains(where: { $0.event == "ingested" || $0.event == "version" }) {
                events.insert(try Self.ingestEvent(db, stored.message.envelope), at: 0)
            }
            return (stored, events)
        }
    }

    /// The history's first line of a message: `FILE row 2, new; deliveries planned: interaction for approval.push due …`.
    static func ingestEvent(_ db: Database, _ e: Envelope) throws -> HistoryEvent {
        let planned = try Row.fetchAll(db, sql: """
            SELECT d.destination, d.duty, d.dueAt, d.provisional FROM message m JOIN delivery d ON \(duties("d", of: "m"))
            WHERE m.id = ? ORDER BY d.id
            """, arguments: [e.id.rawValue]).map {
            PlannedDelivery.text(queue: $0["destination"], duty: $0["duty"],
                                 dueAt: ($0["dueAt"] as Double?).map(Date.init(timeIntervalSince1970:)), provisional: $0["provisional"])
        }
        return HistoryEvent(at: e.receivedAt, event: e.version == 1 ? "ingested" : "version",
                            detail: "\(e.provenance.source) \(e.provenance.location ?? ""), "
                                + (e.version == 1 ? "new" : "version \(e.version), a correction")
                                + "; deliveries planned: " + planned.joined(separator: "; "))
    }

    public func versions(ofMessage id: String) throws -> [StoredMessage] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(Self.messageColumns) FROM message m JOIN message this ON this.kind = m.kind AND this.key = m.key
                WHERE this.id = ? ORDER BY m.version
                """, arguments: [id]).map(Self.storedMessage)
        }
    }

    public func status(now: Date) throws -> StoreStatus {
        let today = ShanghaiTime.date(of: now)
        let endOfToday = ShanghaiTime.endOfDay(today).timeIntervalSince1970
        let nowSeconds = now.timeIntervalSince1970
        return try writer.read { db in
            var byKind: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT kind, COUNT(*) AS n FROM message GROUP BY kind") {
                byKind[row["kind"]] = row["n"]
            }
            let deliveries = try Row.fetchAll(db, sql: """
                SELECT destination, state, COUNT(*) AS n FROM delivery GROUP BY destination, state ORDER BY destination, state
                """).map { (destination: $0["destination"] as String, state: $0["state"] as String, count: $0["n"] as Int) }
            // Open deliveries and waiting deadlines due in `range`, each counted through its own index.
            func openDue(_ range: String..., arguments: StatementArguments) throws -> Int {
                let deliveries = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM delivery d WHERE \(Self.openDeliveries("d", due: range))",
                                                  arguments: arguments) ?? 0
                let deadlines = try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM deadline WHERE state IN \(Self.waitingStates)\(range.map { " AND dueAt \($0)" }.joined())
                    """, arguments: arguments) ?? 0
                return deliveries + deadlines
            }
            let dueToday = try openDue(">= ?", "<= ?", arguments: [nowSeconds, endOfToday])
            let overdue = try openDue("< ?", arguments: [nowSeconds])
            let last = try Row.fetchOne(db, sql: "SELECT * FROM import ORDER BY id DESC LIMIT 1").map(Self.importRecord)
            var rejections: [(code: String, count: Int)] = []
            if let last {
                rejections = try Row.fetchAll(db, sql: """
                    SELECT code, COUNT(*) AS n FROM rejection WHERE importID = ? GROUP BY code ORDER BY n DESC
                    """, arguments: [last.id]).map { (code: $0["code"] as String, count: $0["n"] as Int) }
            }
            // An unfinished import's counts are written at its end: what it stored is counted from its messages (a scan,
            // only then: the column has no index).
            let stored = try last.flatMap { $0.finishedAt == nil ? $0.id : nil }.map {
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message WHERE importID = ?", arguments: [$0]) ?? 0
            }
            return StoreStatus(messagesByKind: byKind, deliveries: deliveries, dueToday: dueToday, overdue: overdue,
                               lastImport: last, lastRejections: rejections, lastImportStored: stored)
        }
    }

    /// The columns `storedMessage` reads, in its order, first in every query that feeds it (`m` is the message
    /// table). Read by position: GRDB finds a column by name by lowercasing the names it compares, on every message a
    /// delivery wave leases.
    static let messageColumns = "m.id, m.kind, m.key, m.version, m.contentHash, m.profile, m.adapter, m.source, m.location, "
        + "m.receivedAt, m.incomplete, m.importID, m.body"
    /// How many they are: the columns a query selects after them start here.
    static let messageColumnCount = 13
    /// A leasing query selects `m.decisionDate` right after them; its own columns follow.
    static let decisionDateColumn = messageColumnCount

    static func storedMessage(_ row: Row) throws -> StoredMessage {
        let envelope = try envelope(row)
        let text: String = row[12]
        let body = try MessageBody(kind: envelope.kind, canonicalJSON: Data(text.utf8))
        return StoredMessage(message: CanonicalMessage(envelope: envelope, body: body, canonicalBody: Array(text.utf8)),
                             importID: row[11])
    }

    /// A leased message from the `messageColumns` and the decision date after them (`decisionDateColumn`), its body
    /// left as stored. Throws for a kind or a decision date sgw never writes (a hand-edited store), which fails the
    /// whole lease call; an unreadable body is found later, per message (`LeasedMessage.decoded()`).
    static func leasedMessage(_ row: Row) throws -> LeasedMessage {
        let envelope = try envelope(row)
        let date: String = row[decisionDateColumn]
        guard let decisionDate = LocalDate(date) else {
            throw DatabaseError(message: "message \(envelope.id.rawValue): decision date '\(date)' is not a date")
        }
        let text: String = row[12]
        return LeasedMessage(envelope: envelope, decisionDate: decisionDate, canonicalBody: Array(text.utf8))
    }

    /// The envelope from the first `messageColumns`.
    static func envelope(_ row: Row) throws -> Envelope {
        guard let kind = MessageKind(rawValue: row[1]) else {
            throw DatabaseError(message: "unknown message kind \(String(describing: row[1] as String?))")
        }
        return Envelope(
            id: MessageID(rawValue: row[0]), kind: kind, key: row[2], contentHash: row[4],
            version: row[3], profile: row[5],
            provenance: Provenance(adapter: row[6], source: row[7], location: row[8]),
            receivedAt: Date(timeIntervalSince1970: row[9]), incomplete: row[10])
    }
}
