public import Foundation
import GRDB
public import SGWCore

/// Delivery bookkeeping: leases, reports, dead letters. The state machine decides; this file only loads a
/// delivery's state from its row and writes back the state the machine returned.
extension SQLiteStore {
    public func lease(destination: String, now: Date, limit: Int, machine: DeliveryStateMachine) throws -> [DeliveryLease] {
        let taken = try writer.write { db in try lease(db, destination: destination, now: now, limit: limit, machine: machine) }
        return try leases(taken, destination: destination, now: now, machine: machine)
    }

    public func complete(_ reports: [DeliveryReport], thenLease destination: String, limit: Int, now: Date,
                         machine: DeliveryStateMachine) throws -> (actions: [DeliveryStateMachine.Action], leases: [DeliveryLease]) {
        let (actions, taken) = try writer.write { db in
            (try complete(db, reports, now: now, machine: machine),
             try lease(db, destination: destination, now: now, limit: limit, machine: machine))
        }
        return (actions, try leases(taken, destination: destination, now: now, machine: machine))
    }

    /// A delivery leased in a transaction, with its message's row; decoded after the transaction (`leases`), so
    /// that the writer is free for other workers meanwhile.
    struct TakenDelivery { var id: Int64, attempt: Int, until: Date, token: String, row: Row }

    func lease(_ db: Database, destination: String, now: Date, limit: Int, machine: DeliveryStateMachine) throws -> [TakenDelivery] {
        let t = now.timeIntervalSince1970
        // Two scans of the queue index: pending past their retry time, and leases that expired (a crashed worker).
        let rows = try Row.fetchAll(db, sql: """
            SELECT \(Self.messageColumns), m.decisionDate, d.id, d.duty, d.dueAt, d.state, d.attempts, d.notBefore, d.leaseUntil
            FROM delivery d JOIN message m ON m.seq = d.messageSeq
            WHERE d.id IN (
                SELECT id FROM (SELECT id, dueAt FROM delivery
                                WHERE destination = ? AND state = 'pending' AND notBefore <= ?
                                ORDER BY ifnull(dueAt, 1e18), id LIMIT ?)
                UNION
                SELECT id FROM (SELECT id FROM delivery
                                WHERE destination = ? AND state = 'leased' AND leaseUntil <= ?
                                ORDER BY ifnull(dueAt, 1e18), id LIMIT ?))
            ORDER BY ifnull(d.dueAt, 1e18), d.id LIMIT ?
            """, arguments: [destination, t, limit, destination, t, limit, limit])
        var taken: [TakenDelivery] = []
        taken.reserveCapacity(rows.count)
        // One token for everything this call leases: it names the act of leasing, which a takeover repeats with
        // a token of its own. (A UUID each cost an open, read and close of /dev/urandom.)
        let token = UUID().uuidString
        let d = Self.deliveryColumn  // the delivery's columns, by position as the message's
        for row in rows {
            let id: Int64 = row[d]
            let state = Self.deliveryState(state: row[d + 3], attempts: row[d + 4], notBefore: row[d + 5],
                                           leaseUntil: row[d + 6], deliveredAt: nil, lastError: nil)
            let (next, action) = machine.next(state, .lease, now: now)
            guard case .send(let attempt) = action, case .leased(_, let until) = next else { continue }
            try persist(db, id: id, state: next, token: token)
            if case .leased(let previous, _) = state {
                // The attempt before left no answer (its worker stopped or hung): said here, so that every attempt is
                // in the history. Only takeovers write a line at leasing time; a wave's leases write none.
                try history(db, row[0], t, "lease-expired", "\(destination) attempt \(previous): no answer recorded before its "
                            + "lease ran out (the worker stopped or hung); attempt \(attempt) takes over")
            }
            taken.append(TakenDelivery(id: id, attempt: attempt, until: until, token: token, row: row))
        }
        return taken
    }

    /// Where a leasing query's delivery columns start: after the message's and its decision date.
    static let deliveryColumn = decisionDateColumn + 1

    /// The leases of deliveries taken in a transaction. A row that does not read as a message (an unknown kind, a
    /// decision date that is no date: damaged by hand or on disk) is parked as a dead letter, in a transaction of its
    /// own, instead of failing the wave: thrown, it failed every run of its destination at each expiry of its lease.
    func leases(_ taken: [TakenDelivery], destination: String, now: Date, machine: DeliveryStateMachine) throws -> [DeliveryLease] {
        var leases: [DeliveryLease] = []
        leases.reserveCapacity(taken.count)
        var unreadable: [(delivery: TakenDelivery, reason: String)] = []
        for t in taken {
            do {
                leases.append(DeliveryLease(id: t.id, destination: destination, duty: try Self.duty(t.row[Self.deliveryColumn + 1]),
                                            dueAt: (t.row[Self.deliveryColumn + 2] as Double?).map(Date.init(timeIntervalSince1970:)),
                                            attempt: t.attempt, until: t.until, token: t.token, message: try Self.leasedMessage(t.row)))
            } catch {
                unreadable.append((t, "the stored message cannot be read: \(error)"))
            }
        }
        try attachCounterpartyWarnings(&leases)
        guard !unreadable.isEmpty else { return leases }
        try writer.write { db in
            for (t, reason) in unreadable {
                let (next, action) = machine.next(.leased(attempt: t.attempt, until: t.until), .failed(.permanent(reason: reason)), now: now)
                guard case .park = action, try park(db, deliveryID: t.id, state: next, token: t.token, at: now.timeIntervalSince1970,
                                                    code: DeliveryProblem.unreadableMessage(reason).code, reason: reason) else { continue }
                try history(db, t.row[0], now.timeIntervalSince1970, "dead-letter",
                            "\(destination) attempt \(t.attempt): \(reason); parked for an operator")
            }
        }
        return leases
    }

    /// Gives each leased approval the warnings about its counterparty, read after the lease's transaction like the
    /// rest of the lease, so that the writer is not held for them.
    func attachCounterpartyWarnings(_ leases: inout [DeliveryLease]) throws {
        let approvals = leases.lazy.filter { $0.message.envelope.kind == .approval }.map(\.message.envelope.id.rawValue)
        guard !approvals.isEmpty else { return }
        let warnings = try counterpartyWarnings(forMessages: Array(approvals))
        guard !warnings.isEmpty else { return }
        for i in leases.indices {
            if let w = warnings[leases[i].message.envelope.id.rawValue] { leases[i].message.warnings = w }
        }
    }

    /// Parks a delivery still held under `token` as a dead letter with what an operator needs to judge it; false
    /// when the lease was taken over meanwhile (nothing written).
    func park(_ db: Database, deliveryID: Int64, state: DeliveryStateMachine.State, token: String, at: Double, code: String,
              reason: String, request: String? = nil, response: String? = nil) throws -> Bool {
        guard try persist(db, id: deliveryID, state: state, token: nil, error: reason, heldBy: token) else { return false }
        try db.execute(sql: """
            INSERT OR REPLACE INTO deadletter (deliveryID, at, code, reason, request, response) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [deliveryID, at, code, reason, request, response])
        return true
    }

    public func complete(_ reports: [DeliveryReport], now: Date, machine: DeliveryStateMachine) throws -> [DeliveryStateMachine.Action] {
        try writer.write { db in try complete(db, reports, now: now, machine: machine) }
    }

    func complete(_ db: Database, _ reports: [DeliveryReport], now: Date, machine: DeliveryStateMachine) throws -> [DeliveryStateMachine.Action] {
        let t = now.timeIntervalSince1970
        var actions: [DeliveryStateMachine.Action] = []
        actions.reserveCapacity(reports.count)
        // The history of the whole wave goes in with a few multi-row INSERTs at the end.
        var history = BulkInsert(table: "history", columns: ["messageID", "at", "event", "detail"])
        func record(_ messageID: String, _ event: String, _ detail: String) {
            history.add(messageID.databaseValue, t.databaseValue, event.databaseValue, detail.databaseValue)
        }
        for report in reports {
            let lease = report.lease
            // The lease's holder knows the state (leased, this attempt); the write below applies only while the
            // lease is still this one, which spares reading the row first.
            let (next, action) = machine.next(.leased(attempt: lease.attempt, until: .distantFuture), report.event,
                                              now: now, jitter: report.jitter)
            let messageID = lease.message.envelope.id.rawValue
            let prefix = "\(lease.destination) attempt \(lease.attempt)"
            var written = false
            switch action {
            case .recordDelivered:
                written = try persist(db, id: lease.id, state: next, token: nil, receipt: report.receipt, heldBy: lease.token)
                guard written else { break }
                let timing = lease.dueAt.map { now > $0 ? "after its deadline \(ShanghaiTime.format($0))" : "before its deadline \(ShanghaiTime.format($0))" }
                    ?? "no deadline"
                var restarted = ""
                // The delivery's key names its message, whose deadlines share the range (`dutyKeys(of:)`).
                let (first, last) = Self.dutyKeys(of: Self.messageSeq(ofDuty: lease.id))
                for d in report.restartedDeadlines {
                    try db.cachedStatement(sql: """
                        UPDATE deadline SET dueAt = ?, provisional = ? WHERE id BETWEEN ? AND ? AND duty = ? AND +state = 'open'
                        """).execute(binding: [d.dueAt.timeIntervalSince1970.databaseValue, d.provisional.databaseValue,
                                              first.databaseValue, last.databaseValue, d.duty.rawValue.databaseValue][...])
                    restarted += "; \(d.duty.rawValue) now due \(ShanghaiTime.format(d.dueAt))"
                }
                if !restarted.isEmpty { restarted += " (counted from the acknowledgement)" }
                record(messageID, "delivered", "\(prefix): \(report.detail), receipt \(report.receipt ?? "none"); \(timing)\(restarted)")
            case .retry(let at):
                written = try persist(db, id: lease.id, state: next, token: nil, error: report.detail, heldBy: lease.token)
                guard written else { break }
                record(messageID, "attempt-failed", "\(prefix): \(report.detail); retry at \(ShanghaiTime.format(at))")
            case .park(let reason):
                written = try park(db, deliveryID: lease.id, state: next, token: lease.token, at: t, code: report.problem?.code ?? "unclassified",
                                   reason: reason, request: report.request, response: report.response)
                guard written else { break }
                record(messageID, "dead-letter", "\(prefix): \(report.detail); parked for an operator")
            case .release:
                written = try persist(db, id: lease.id, state: next, token: nil, heldBy: lease.token)
                guard written else { break }
                record(messageID, "lease-returned", "\(lease.destination): not sent, \(report.detail); due again")
            case .send, .ignore:
                actions.append(action)
                continue
            }
            if !written, action != .release {
                // An answer that came after another worker took the delivery over changes nothing, but it was an
                // attempt (perhaps the one the platform accepted): it goes into the history too. A lease given back
                // unsent was no attempt.
                let receipt = report.receipt.map { ", receipt \($0)" } ?? ""
                record(messageID, "late-answer", "\(prefix): \(report.detail)\(receipt); its lease had been taken over, "
                       + "so the later attempt decides")
            }
            actions.append(written ? action : .ignore(reason: "lease \(lease.token) was taken over"))
        }
        try history.write(db)
        return actions
    }

    public func leases(destination: String, messageIDs: [String]) throws -> [DeliveryLease] {
        try writer.read { db in
            var out: [DeliveryLease] = []
            for id in messageIDs {
                guard let row = try Row.fetchOne(db, sql: """
                    SELECT \(Self.messageColumns), m.decisionDate, d.id AS dID, d.duty AS dDuty, d.dueAt AS dDueAt, d.attempts AS dAttempts,
                           d.leaseToken AS dToken, d.leaseUntil AS dLeaseUntil
                    FROM message m JOIN delivery d ON \(Self.duties("d", of: "m"))
                    WHERE m.id = ? AND +d.destination = ? AND +d.state = 'leased'
                    """, arguments: [id, destination]) else { continue }
                // A row damaged since it was packaged is left leased: at its lease's expiry it is leased again and
                // parked as unreadable there. Thrown, it would fail every round of the destination.
                guard let message = try? Self.leasedMessage(row), let duty = try? Self.duty(row["dDuty"]) else { continue }
                out.append(DeliveryLease(
                    id: row["dID"], destination: destination, duty: duty,
                    dueAt: (row["dDueAt"] as Double?).map(Date.init(timeIntervalSince1970:)),
                    attempt: row["dAttempts"], until: Date(timeIntervalSince1970: row["dLeaseUntil"] ?? 0), token: row["dToken"],
                    message: message))
            }
            return out
        }
    }

    public func applyReceipt(destination: String, receipt: String, file: String, reports: [DeliveryReport], claims: [PlatformEvent],
                             now: Date, machine: DeliveryStateMachine) throws -> [DeliveryStateMachine.Action]? {
        // One transaction: a receipt marked applied whose effects were lost to a crash would go to duplicates/ on the
        // next run, its confirmations and claims never recorded.
        try writer.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO packagereceipt (destination, receipt, file, appliedAt) VALUES (?, ?, ?, ?)",
                           arguments: [destination, receipt, file, now.timeIntervalSince1970])
            guard db.changesCount == 1 else { return nil }
            let actions = try complete(db, reports, now: now, machine: machine)
            try record(db, claims, source: "package:\(destination)", cursor: nil, now: now)
            return actions
        }
    }

    public func appendHistory(_ entries: [(messageID: String, event: String, detail: String)], at: Date) throws {
        try writer.write { db in
            for e in entries { try history(db, e.messageID, at.timeIntervalSince1970, e.event, e.detail) }
        }
    }

    public func backlog(destinations: [String], now: Date) throws -> DeliveryBacklog {
        let marks = Array(repeating: "?", count: destinations.count).joined(separator: ",")
        let t = now.timeIntervalSince1970
        return try writer.read { db in
            var args: StatementArguments = [t, t, t]
            args += StatementArguments(destinations)
            let row = try Row.fetchOne(db, sql: """
                SELECT SUM(state = 'pending' AND notBefore <= ?) AS due, SUM(state = 'pending' AND notBefore > ?) AS waiting,
                       SUM(state = 'leased') AS leased,
                       MIN(CASE state WHEN 'pending' THEN max(notBefore, ?) WHEN 'leased' THEN leaseUntil END) AS next
                FROM delivery WHERE state IN ('pending', 'leased') AND destination IN (\(marks))
                """, arguments: args)
            return DeliveryBacklog(due: row?["due"] ?? 0, waiting: row?["waiting"] ?? 0, leased: row?["leased"] ?? 0,
                                   nextDueAt: (row?["next"] as Double?).map(Date.init(timeIntervalSince1970:)))
        }
    }

    public func deadLetters(limit: Int) throws -> [DeadLetter] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "\(Self.deadLetterSQL) ORDER BY l.at, l.deliveryID LIMIT ?", arguments: [limit]).map(Self.deadLetter)
        }
    }

    public func deadLetterCount(code: String) throws -> Int {
        try writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (\(Self.deadLetterSQL) AND l.code = ?)", arguments: [code]) ?? 0
        }
    }

    public func deadLetter(deliveryID: Int64) throws -> DeadLetter? {
        try writer.read { db in
            guard var letter = try Row.fetchOne(db, sql: "\(Self.deadLetterSQL) AND l.deliveryID = ?", arguments: [deliveryID])
                .map(Self.deadLetter) else { return nil }
            letter.replayed = try Row.fetchAll(db, sql: """
                SELECT * FROM deadletterreplayed WHERE deliveryID = ? ORDER BY replayedAt, rowid
                """, arguments: [deliveryID]).map {
                DeadLetter.Replayed(parkedAt: Date(timeIntervalSince1970: $0["parkedAt"]), replayedAt: Date(timeIntervalSince1970: $0["replayedAt"]),
                                    replayedBy: $0["replayedBy"], code: $0["code"], reason: $0["reason"],
                                    request: $0["request"], response: $0["response"])
            }
            return letter
        }
    }

    public func replay(deliveryIDs: [Int64]?, now: Date, by actor: Principal, machine: DeliveryStateMachine) throws -> Int {
        let `operator` = actor.name
        return try writer.write { db in
            let rows: [Row]
            // An incomplete record is not replayed: sent as it is, the platform would refuse it again.
            let replayable = "d.state = 'dead' AND NOT EXISTS (SELECT 1 FROM deadletter l WHERE l.deliveryID = d.id AND l.code = ?)"
            let select = "SELECT d.*, m.id AS messageID FROM delivery d JOIN message m ON m.seq = d.messageSeq WHERE \(replayable)"
            let incomplete = DeliveryProblem.incompleteRecordCode
            if let deliveryIDs {
                let marks = Array(repeating: "?", count: deliveryIDs.count).joined(separator: ",")
                rows = try Row.fetchAll(db, sql: "\(select) AND d.id IN (\(marks))",
                                        arguments: [incomplete] + StatementArguments(deliveryIDs))
            } else {
                rows = try Row.fetchAll(db, sql: select, arguments: [incomplete])
            }
            for row in rows {
                let (next, _) = machine.next(Self.deliveryState(row), .replay, now: now)
                try db.execute(sql: """
                    INSERT INTO deadletterreplayed (deliveryID, parkedAt, replayedAt, replayedBy, code, reason, request, response)
                    SELECT deliveryID, at, ?, ?, code, reason, request, response FROM deadletter WHERE deliveryID = ?
                    """, arguments: [now.timeIntervalSince1970, `operator`, row["id"] as Int64])
                try persist(db, id: row["id"], state: next, token: nil)
                try history(db, row["messageID"], now.timeIntervalSince1970, "replayed",
                            "\(row["destination"] as String) dead letter replayed by \(`operator`): due again")
            }
            // One audit line per request, naming what it asked for and what was due again.
            let asked = deliveryIDs.map { $0.map(String.init).joined(separator: ", ") } ?? "all"
            try Self.insertAudit(db, AuditEntry(at: now, actor: actor.name, role: actor.role, action: .replay,
                                                target: "deliveries \(asked)",
                                                detail: "\(rows.count) dead letter(s) due again: "
                                                    + rows.map { String($0["id"] as Int64) }.joined(separator: ", ")))
            return rows.count
        }
    }

    /// The machine's state of a delivery row.
    static func deliveryState(_ row: Row) -> DeliveryStateMachine.State {
        deliveryState(state: row["state"], attempts: row["attempts"], notBefore: row["notBefore"], leaseUntil: row["leaseUntil"],
                      deliveredAt: row["deliveredAt"], lastError: row["lastError"])
    }

    /// The machine's state of a delivery from its columns.
    static func deliveryState(state: String, attempts: Int, notBefore: Double?, leaseUntil: Double?, deliveredAt: Double?,
                              lastError: String?) -> DeliveryStateMachine.State {
        switch state {
        case "leased": .leased(attempt: attempts, until: Date(timeIntervalSince1970: leaseUntil ?? 0))
        case "delivered": .delivered(at: Date(timeIntervalSince1970: deliveredAt ?? 0), attempts: attempts)
        case "dead": .deadLetter(attempts: attempts, reason: lastError ?? "")
        default: .pending(attempts: attempts, notBefore: Date(timeIntervalSince1970: notBefore ?? 0))
        }
    }

    /// Writes the machine's state into a delivery row; with `heldBy`, only while that lease holds it. Returns
    /// whether the row was written.
    @discardableResult
    func persist(_ db: Database, id: Int64, state: DeliveryStateMachine.State, token: String?,
                 receipt: String? = nil, error: String? = nil, heldBy: String? = nil) throws -> Bool {
        let sql = "UPDATE delivery SET state = ?, attempts = ?, notBefore = ?, leaseUntil = ?, leaseToken = ?, deliveredAt = ?, "
            + "receipt = ifnull(?, receipt), lastError = ifnull(?, lastError) WHERE id = ?"
            + (heldBy == nil ? "" : " AND leaseToken = ?")
        // Values bound directly (see `Statement.execute(binding:)`): a wave writes every delivery it holds.
        let text = { (s: String?) in s?.databaseValue ?? .null }
        var values: [DatabaseValue] = switch state {
        case .pending(let attempts, let notBefore):
            ["pending".databaseValue, attempts.databaseValue, notBefore.timeIntervalSince1970.databaseValue, .null, .null, .null,
             text(receipt), text(error)]
        case .leased(let attempt, let until):
            ["leased".databaseValue, attempt.databaseValue, 0.databaseValue, until.timeIntervalSince1970.databaseValue, text(token), .null,
             text(receipt), text(error)]
        case .delivered(let at, let attempts):
            ["delivered".databaseValue, attempts.databaseValue, 0.databaseValue, .null, .null, at.timeIntervalSince1970.databaseValue,
             text(receipt), text(error)]
        case .deadLetter(let attempts, let reason):
            ["dead".databaseValue, attempts.databaseValue, 0.databaseValue, .null, .null, .null, text(receipt), text(error ?? reason)]
        }
        values.append(id.databaseValue)
        if let heldBy { values.append(heldBy.databaseValue) }
        try db.cachedStatement(sql: sql).execute(binding: values[...])
        return db.changesCount == 1
    }

    static let deadLetterSQL = """
        SELECT l.*, d.destination, d.attempts, m.id AS messageID, m.kind, m.key FROM deadletter l
        JOIN delivery d ON d.id = l.deliveryID JOIN message m ON m.seq = d.messageSeq WHERE d.state = 'dead'
        """

    /// A stored duty name; throws for one sgw never writes (a hand-edited store), which parks the delivery.
    static func duty(_ text: String) throws -> DutyName {
        guard let duty = DutyName(rawValue: text) else { throw DatabaseError(message: "unknown duty '\(text)'") }
        return duty
    }

    static func deadLetter(_ row: Row) -> DeadLetter {
        DeadLetter(deliveryID: row["deliveryID"], messageID: MessageID(rawValue: row["messageID"]), kind: row["kind"], key: row["key"],
                   destination: row["destination"], reason: row["reason"], code: row["code"], attempts: row["attempts"],
                   at: Date(timeIntervalSince1970: row["at"]), request: row["request"], response: row["response"])
    }
}
