public import Foundation
import GRDB
public import SGWCore

/// Claims (认领), feedback, auto-claims, and the delivery figures `sgw status` shows.
extension SQLiteStore {
    /// The duties a claim event closes.
    static let claimDuties = "('approval.claim', 'supervision.claim')"
    /// The feedback windows a dispute falls into.
    static let feedbackDuties = "('approval.feedback', 'supervision.feedback')"
    /// The deliveries whose success is the push that claim and feedback time runs from.
    static let pushDuties = "('approval.push', 'supervision.push', 'supervision.change-request')"
    /// A deadline that still waits for its department: running, or overdue.
    static let waitingStates = "('open', 'overdue')"

    public func eventCursor(source: String) throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT cursor FROM eventcursor WHERE source = ?", arguments: [source]) ?? 0 }
    }

    public func record(_ events: [PlatformEvent], source: String, cursor: Int?, now: Date) throws {
        try writer.write { db in try record(db, events, source: source, cursor: cursor, now: now) }
    }

    func record(_ db: Database, _ events: [PlatformEvent], source: String, cursor: Int?, now: Date) throws {
        let t = now.timeIntervalSince1970
        for event in events {
            let messageID = event.messageID.rawValue
            guard let seq = try messageSeq(db, id: messageID) else {
                continue  // not ours (another gateway's message on a shared platform)
            }
            let (first, last) = Self.dutyKeys(of: seq)
            let at = event.at.timeIntervalSince1970
            // Idempotent: the same event (message, kind, department, time) is recorded once.
            try db.execute(sql: """
                INSERT OR IGNORE INTO platformevent (messageID, kind, department, at, reason, source, recordedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [messageID, event.kind.rawValue, event.department, at, event.reason, source, t])
            guard db.changesCount == 1 else { continue }
            // The rules decide; this only loads the deadline and writes back what they say.
            switch event.kind {
            case .claimed:
                guard let deadline = try Row.fetchOne(db, sql: """
                    SELECT id, dueAt, state FROM deadline WHERE id BETWEEN ? AND ? AND duty IN \(Self.claimDuties)
                    """, arguments: [first, last]),
                    let state = ClaimRules.State(rawValue: deadline["state"]) else {
                    try history(db, messageID, t, "claimed", "claimed by \(event.department), but the message has no claim deadline")
                    continue
                }
                let decision = ClaimRules.claim(state: state, dueAt: Date(timeIntervalSince1970: deadline["dueAt"]), department: event.department, at: event.at)
                try apply(decision, db, deadlineID: deadline["id"], messageID: messageID, at: t)
            case .dispute:
                let window = try Row.fetchOne(db, sql: """
                    SELECT id, state FROM deadline WHERE id BETWEEN ? AND ? AND duty IN \(Self.feedbackDuties)
                    """, arguments: [first, last])
                let decision = ClaimRules.dispute(state: window.flatMap { ClaimRules.State(rawValue: $0["state"]) },
                                                  department: event.department, reason: event.reason, at: event.at)
                try apply(decision, db, deadlineID: window?["id"], messageID: messageID, at: t)
            }
        }
        if let cursor {
            // Never backwards: two readers of one feed may finish in either order.
            try db.execute(sql: """
                INSERT INTO eventcursor (source, cursor) VALUES (?, ?)
                ON CONFLICT (source) DO UPDATE SET cursor = max(cursor, excluded.cursor)
                """, arguments: [source, cursor])
        }
    }

    public func closeDueDeadlines(now: Date, profiles: ProfileCatalog) throws -> [ClosedDeadline] {
        let t = now.timeIntervalSince1970
        return try writer.write { db in
            // A verification the approval carries closes its deadline before the deadline's passing is judged.
            var closed = try closeVerifiedCommitments(db, profiles: profiles, at: t)
            // Only a message the platform acknowledged can be claimed: its claim time runs from the push. A body
            // that is not JSON (damaged by hand) names no department instead of failing every run's deadlines.
            let rows = try Row.fetchAll(db, sql: """
                SELECT dl.id, m.id AS messageID, dl.duty, dl.dueAt, m.kind, m.profile,
                       CASE WHEN json_valid(m.body) THEN json_extract(m.body, '$.supervisingDepartment') END AS department,
                       CASE WHEN json_valid(m.body) AND m.kind = 'supervision' THEN json_extract(m.body, '$.kind') END AS supervisionKind
                FROM deadline dl JOIN message m ON m.seq = dl.messageSeq
                WHERE dl.state = 'open' AND dl.dueAt <= ?
                  AND EXISTS (SELECT 1 FROM delivery d WHERE \(Self.duties("d", of: "m"))
                              AND d.duty IN \(Self.pushDuties) AND +d.state = 'delivered')
                """, arguments: [t])
            for row in rows {
                // The profile decides what the deadline's passing means (auto-claim or overdue) and who answers for it;
                // a deadline of a profile no longer loaded, or of a duty it no longer sets, is left for an operator.
                guard let duty = DutyName(rawValue: row["duty"]), let profile = try? profiles.profile(row["profile"]),
                      let rule = profile.duty(duty, supervisionKind: (row["supervisionKind"] as String?).flatMap(Supervision.Kind.init(rawValue:)))
                else { continue }
                let party = ClaimRules.responsibleDepartment(duty: duty, supervisingDepartment: row["department"],
                                                             approvalAuthority: profile.approvalAuthority)
                guard let decision = ClaimRules.due(duty: duty, rule: rule, dueAt: Date(timeIntervalSince1970: row["dueAt"]), now: now,
                                                    acknowledged: true, party: party),
                      let state = decision.state.flatMap(ClosedDeadline.State.init)
                else { continue }
                let messageID: String = row["messageID"]
                try apply(decision, db, deadlineID: row["id"], messageID: messageID, at: t)
                closed.append(ClosedDeadline(messageID: MessageID(rawValue: messageID), duty: duty, state: state, department: decision.closedBy))
            }
            return closed
        }
    }

    /// Closes the `commitment.verify` deadlines (open or overdue) whose approval, or a later version of it, carries the
    /// verification: the approval bureau exports the approval again with its result, which goes out at once as a new
    /// version.
    func closeVerifiedCommitments(_ db: Database, profiles: ProfileCatalog, at t: Double) throws -> [ClosedDeadline] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT dl.id, m.id AS messageID, dl.dueAt, m.profile, v.verifiedOn, v.verification
            FROM deadline dl JOIN message m ON m.seq = dl.messageSeq
            JOIN (SELECT kind, key, version, json_extract(body, '$.commitment.verifiedOn') AS verifiedOn,
                         json_extract(body, '$.commitment.verification') AS verification
                  FROM message WHERE kind = 'approval' AND json_valid(body)
                    AND json_extract(body, '$.commitment.verification') IS NOT NULL) v
              ON v.kind = m.kind AND v.key = m.key AND v.version >= m.version
            WHERE dl.duty = 'commitment.verify' AND dl.state IN \(Self.waitingStates)
            ORDER BY dl.id, v.version
            """)
        var closed: [ClosedDeadline] = []
        var seen = Set<Int64>()
        for row in rows {
            let id: Int64 = row["id"]
            // The earliest version that carries a verification is the one that did the duty.
            guard seen.insert(id).inserted, let day = (row["verifiedOn"] as String?).flatMap(LocalDate.init),
                  let result = (row["verification"] as String?).flatMap(Commitment.Verification.init(rawValue:)) else { continue }
            let authority = (try? profiles.profile(row["profile"]))?.approvalAuthority ?? "行政审批部门"
            let decision = ClaimRules.verified(dueAt: Date(timeIntervalSince1970: row["dueAt"]), verifiedOn: day, result: result, party: authority)
            let messageID: String = row["messageID"]
            try apply(decision, db, deadlineID: id, messageID: messageID, at: t)
            closed.append(ClosedDeadline(messageID: MessageID(rawValue: messageID), duty: .commitmentVerify, state: .verified, department: authority))
        }
        return closed
    }

    public func recountProvisional(now: Date, loadedYears: [Int], plan: (_ message: CanonicalMessage, _ acknowledgedAt: Date?) -> (deliveries: [PlannedDelivery], deadlines: [PlannedDeadline])) throws -> Int {
        let t = now.timeIntervalSince1970
        // Only what falls in a loaded year can change: the rest would be counted the same way again, every run.
        guard !loadedYears.isEmpty else { return 0 }
        let years = loadedYears.map(String.init).joined(separator: ", ")
        let inLoadedYear = "CAST(strftime('%Y', dueAt + 28800, 'unixepoch') AS INTEGER) IN (\(years))"
        return try writer.write { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT \(Self.messageColumns),
                       (SELECT MIN(d.deliveredAt) FROM delivery d WHERE \(Self.duties("d", of: "m")) AND d.duty IN \(Self.pushDuties)
                          AND +d.state = 'delivered') AS acknowledgedAt, m.seq
                FROM message m WHERE m.seq IN (
                    SELECT messageSeq FROM deadline WHERE provisional = 1 AND state IN \(Self.waitingStates) AND \(inLoadedYear)
                    UNION SELECT messageSeq FROM delivery WHERE provisional = 1 AND state IN \(Self.openDeliveryStates)
                      AND \(inLoadedYear))
                """)
            var changed = 0
            for row in rows {
                // A body that no longer reads (damaged by hand) keeps its deadlines as they are.
                guard let stored = try? Self.storedMessage(row) else { continue }
                let messageID = stored.message.envelope.id.rawValue
                let acknowledged = (row["acknowledgedAt"] as Double?).map(Date.init(timeIntervalSince1970:))
                let item = plan(stored.message, acknowledged)
                let (first, last) = Self.dutyKeys(of: row["seq"])
                func recount(_ table: String, _ states: String, _ planned: [DutyName: (Date, Bool)]) throws {
                    for old in try Row.fetchAll(db, sql: """
                        SELECT id, duty, dueAt, state FROM \(table) WHERE id BETWEEN ? AND ? AND provisional = 1 AND +state IN \(states)
                        """, arguments: [first, last]) {
                        let was = Date(timeIntervalSince1970: old["dueAt"])
                        guard let duty = DutyName(rawValue: old["duty"]), let fresh = planned[duty], fresh.0 != was || !fresh.1 else { continue }
                        let (due, provisional) = fresh
                        try db.execute(sql: "UPDATE \(table) SET dueAt = ?, provisional = ? WHERE id = ?",
                                       arguments: [due.timeIntervalSince1970, provisional, old["id"]])
                        // An overdue deadline whose true deadline is still ahead runs again: nobody was late yet.
                        let reopened = table == "deadline" && (old["state"] as String?) == "overdue" && due > now
                        if reopened {
                            try db.execute(sql: "UPDATE deadline SET state = 'open', closedBy = NULL WHERE id = ?", arguments: [old["id"]])
                        }
                        try history(db, messageID, t, "recounted",
                                    "\(duty.rawValue) was due \(ShanghaiTime.format(was)), counted over a year whose calendar was not "
                                        + "loaded; now due \(ShanghaiTime.format(due))" + (provisional ? " (still provisional)" : "")
                                        + (reopened ? "; no longer overdue" : ""))
                        changed += 1
                    }
                }
                try recount("deadline", Self.waitingStates,
                            Dictionary(item.deadlines.map { ($0.duty, ($0.dueAt, $0.provisional)) }, uniquingKeysWith: { a, _ in a }))
                try recount("delivery", Self.openDeliveryStates, Dictionary(item.deliveries.compactMap { d in
                    d.dueAt.map { (d.duty, ($0, d.provisional)) } }, uniquingKeysWith: { a, _ in a }))
            }
            return changed
        }
    }

    /// Writes a claim rule's decision: the deadline's new state (when it has one) and the history line.
    func apply(_ decision: ClaimRules.Decision, _ db: Database, deadlineID: Int64?, messageID: String, at: Double) throws {
        if let state = decision.state, let deadlineID {
            try db.execute(sql: "UPDATE deadline SET state = ?, closedAt = ?, closedBy = ? WHERE id = ?",
                           arguments: [state.rawValue, decision.closedAt?.timeIntervalSince1970, decision.closedBy, deadlineID])
        }
        try history(db, messageID, at, decision.event, decision.detail)
    }

    public func deliveryStatus(now: Date, atRiskBefore: Date) throws -> DeliveryStatus {
        let t = now.timeIntervalSince1970, risk = atRiskBefore.timeIntervalSince1970
        return try writer.read { db in
            var queues: [DeliveryStatus.Queue] = []
            for row in try Row.fetchAll(db, sql: """
                SELECT destination, SUM(state = 'pending') AS pending, SUM(state = 'leased') AS leased,
                       SUM(state = 'delivered') AS delivered, SUM(state = 'dead') AS dead,
                       SUM(state = 'delivered' AND dueAt IS NOT NULL AND deliveredAt > dueAt) AS late
                FROM delivery GROUP BY destination ORDER BY destination
                """) {
                var q = DeliveryStatus.Queue(destination: row["destination"])
                q.pending = row["pending"]; q.leased = row["leased"]; q.delivered = row["delivered"]
                q.deadLetters = row["dead"]; q.deliveredLate = row["late"]
                // The earliest of each open state's first entry in the queue index: three seeks, not a sort of the queue.
                let firsts = try Self.openDeliveryStateNames.compactMap { state in
                    try Row.fetchOne(db, sql: """
                        SELECT d.dueAt, m.id AS messageID FROM delivery d JOIN message m ON m.seq = d.messageSeq
                        WHERE d.destination = ? AND d.state = ? AND ifnull(d.dueAt, 1e18) < 1e18 ORDER BY ifnull(d.dueAt, 1e18) LIMIT 1
                        """, arguments: [q.destination, state])
                }
                if let oldest = firsts.min(by: { ($0["dueAt"] as Double) < ($1["dueAt"] as Double) }) {
                    q.oldestDueAt = Date(timeIntervalSince1970: oldest["dueAt"])
                    q.oldestMessageID = oldest["messageID"]
                }
                queues.append(q)
            }
            func count(_ sql: String, _ args: StatementArguments = []) throws -> Int { try Int.fetchOne(db, sql: sql, arguments: args) ?? 0 }
            let claims = try Row.fetchAll(db, sql: """
                SELECT state, COUNT(*) AS n FROM deadline WHERE duty IN \(Self.claimDuties) GROUP BY state
                """).reduce(into: [String: Int]()) { $0[$1["state"]] = $1["n"] }
            // closedBy of an overdue deadline is the department that is late (ClaimRules.due).
            let overdue = try Row.fetchAll(db, sql: """
                SELECT duty, ifnull(closedBy, '?') AS department, COUNT(*) AS n FROM deadline WHERE state = 'overdue'
                GROUP BY duty, department ORDER BY n DESC, duty, department
                """).map { DeliveryStatus.OverdueCount(duty: $0["duty"], department: $0["department"], count: $0["n"]) }
            // The year a provisional deadline falls in, in Shanghai time: the year whose notice would settle it.
            let year = "CAST(strftime('%Y', dueAt + 28800, 'unixepoch') AS INTEGER)"
            var provisional: [Int: (Int, Int)] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT \(year) AS year, COUNT(*) AS n FROM deadline WHERE provisional = 1 AND state IN \(Self.waitingStates) GROUP BY year
                """) { provisional[row["year"], default: (0, 0)].0 = row["n"] }
            for row in try Row.fetchAll(db, sql: """
                SELECT \(year) AS year, COUNT(*) AS n FROM delivery WHERE provisional = 1 AND state IN \(Self.openDeliveryStates)
                  AND dueAt IS NOT NULL GROUP BY year
                """) { provisional[row["year"], default: (0, 0)].1 = row["n"] }
            var status = DeliveryStatus(
                queues: queues,
                atRisk: try count("SELECT COUNT(*) FROM delivery d WHERE \(Self.openDeliveries("d", due: ">= ?", "< ?"))", [t, risk]),
                overdue: try count("SELECT COUNT(*) FROM delivery d WHERE \(Self.openDeliveries("d", due: "< ?"))", [t]),
                creditAtRisk: try count("SELECT COUNT(*) FROM delivery d WHERE d.destination = 'credit' AND \(Self.openDeliveries("d", due: ">= ?", "< ?"))",
                                        [t, risk]),
                creditOverdue: try count("SELECT COUNT(*) FROM delivery d WHERE d.destination = 'credit' AND \(Self.openDeliveries("d", due: "< ?"))", [t]),
                claimsOpen: claims["open"] ?? 0, claimed: claims["claimed"] ?? 0, autoClaimed: claims["auto-claimed"] ?? 0,
                disputes: try count("SELECT COUNT(*) FROM deadline WHERE state = 'disputed'"),
                approvalsWithoutCredit: try count("""
                    SELECT COUNT(DISTINCT a.key) FROM message a WHERE a.kind = 'approval'
                      AND NOT EXISTS (SELECT 1 FROM message c WHERE c.kind = 'credit.licence' AND c.key = a.key)
                    """))
            status.claimsOverdue = claims["overdue"] ?? 0
            status.claimedLate = claims["claimed-late"] ?? 0
            status.overdueByDepartment = overdue
            // An at-once push is due minutes after receipt (never a day); the days from the decision to receipt are
            // the source system's delay. Dates in Shanghai time.
            status.lateExports = try Row.fetchAll(db, sql: """
                SELECT m.adapter, m.kind, COUNT(*) AS n,
                       MAX(CAST(julianday(date(m.receivedAt + 28800, 'unixepoch')) - julianday(m.decisionDate) AS INTEGER)) AS days
                FROM message m JOIN delivery d ON \(Self.duties("d", of: "m"))
                WHERE d.duty IN \(Self.pushDuties) AND d.dueAt >= m.receivedAt AND d.dueAt - m.receivedAt < 86400
                  AND julianday(date(m.receivedAt + 28800, 'unixepoch')) - julianday(m.decisionDate) >= 1
                GROUP BY m.adapter, m.kind ORDER BY n DESC, m.adapter, m.kind
                """).map { DeliveryStatus.LateExport(adapter: $0["adapter"], kind: $0["kind"], count: $0["n"], maxDays: $0["days"] ?? 0) }
            struct Key: Hashable { var duty: String, kind: String }
            var duties: [Key: DeliveryStatus.DutyFigures] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT d.duty, m.kind, SUM(d.state = 'delivered') AS delivered,
                       SUM(d.state = 'delivered' AND d.deliveredAt > d.dueAt) AS late, SUM(d.state IN \(Self.openDeliveryStates)) AS open
                FROM delivery d JOIN message m ON m.seq = d.messageSeq GROUP BY d.duty, m.kind
                """) {
                let key = Key(duty: row["duty"], kind: row["kind"])
                duties[key, default: .init(duty: key.duty, kind: key.kind)].delivered = row["delivered"]
                duties[key, default: .init(duty: key.duty, kind: key.kind)].deliveredLate = row["late"] ?? 0
                duties[key, default: .init(duty: key.duty, kind: key.kind)].undelivered = row["open"]
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT dl.duty, m.kind, dl.state, COUNT(*) AS n FROM deadline dl JOIN message m ON m.seq = dl.messageSeq
                GROUP BY dl.duty, m.kind, dl.state
                """) {
                let key = Key(duty: row["duty"], kind: row["kind"])
                duties[key, default: .init(duty: key.duty, kind: key.kind)].deadlines[row["state"]] = row["n"]
            }
            func order(_ k: Key) -> (DutyName, String, String) { (DutyName(rawValue: k.duty) ?? .reportPeriod, k.duty, k.kind) }
            status.duties = duties.keys.sorted { order($0) < order($1) }.map { duties[$0]! }
            // A decision names the request it answers by the request's document number (ChangeDecision.request).
            let decisions = """
                SELECT json_extract(body, '$.changeDecision.request') AS request, seq FROM message
                WHERE kind = 'approval' AND json_valid(body) AND json_extract(body, '$.changeDecision') IS NOT NULL
                """
            if let row = try Row.fetchOne(db, sql: """
                SELECT COUNT(*) AS requests,
                       SUM(EXISTS (SELECT 1 FROM (\(decisions)) d WHERE d.request = json_extract(r.body, '$.documentNumber'))) AS answered
                FROM message r WHERE r.kind = 'supervision' AND json_valid(r.body) AND json_extract(r.body, '$.kind') = 'change-request'
                """) {
                status.changeRequests = row["requests"]
                status.changeRequestsAnswered = row["answered"] ?? 0
            }
            status.changeDecisionsDelivered = try count("""
                SELECT COUNT(*) FROM (\(decisions)) d WHERE EXISTS (SELECT 1 FROM delivery x WHERE \(Self.duties("x", of: "d"))
                  AND x.duty = 'approval.push' AND +x.state = 'delivered')
                """)
            status.provisionalOpen = provisional.keys.sorted().map {
                DeliveryStatus.ProvisionalCount(year: $0, deadlines: provisional[$0]!.0, deliveries: provisional[$0]!.1)
            }
            return status
        }
    }
}
