public import Foundation
import GRDB
import SGWCore

/// Claims (认领), feedback, auto-claims, and the delivery figures `sgw status` shows.
extension SQLiteStore {
    /// The duties a claim event closes.
    static let claimDuties = "('approval.claim', 'supervision.claim')"

    public func eventCursor(source: String) throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT cursor FROM eventcursor WHERE source = ?", arguments: [source]) ?? 0 }
    }

    public func record(_ events: [PlatformEvent], source: String, cursor: Int?, now: Date) throws {
        try writer.write { db in try record(db, events, source: source, cursor: cursor, now: now) }
    }

    func record(_ db: Database, _ events: [PlatformEvent], source: String, cursor: Int?, now: Date) throws {
        let t = now.timeIntervalSince1970
        for event in events {
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM message WHERE id = ?", arguments: [event.messageID]) == true else {
                continue  // not ours (another gateway's message on a shared platform)
            }
            let at = event.at.timeIntervalSince1970
            // Idempotent: the same event (message, kind, department, time) is recorded once.
            try db.execute(sql: """
                INSERT OR IGNORE INTO platformevent (messageID, kind, department, at, reason, source, recordedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [event.messageID, event.kind.rawValue, event.department, at, event.reason, source, t])
            guard db.changesCount == 1 else { continue }
            // The rules decide; this only loads the deadline and writes back what they say.
            switch event.kind {
            case .claimed:
                guard let deadline = try Row.fetchOne(db, sql: """
                    SELECT id, dueAt, state FROM deadline WHERE messageID = ? AND duty IN \(Self.claimDuties)
                    """, arguments: [event.messageID]) else {
                    try history(db, event.messageID, t, "claimed", "claimed by \(event.department), but the message has no claim deadline")
                    continue
                }
                let decision = ClaimRules.claim(state: ClaimRules.State(rawValue: deadline["state"]) ?? .closed,
                                                dueAt: Date(timeIntervalSince1970: deadline["dueAt"]), department: event.department, at: event.at)
                try apply(decision, db, deadlineID: deadline["id"], messageID: event.messageID, at: t)
            case .dispute:
                let window = try Row.fetchOne(db, sql: """
                    SELECT id, state FROM deadline WHERE messageID = ? AND duty = 'approval.feedback'
                    """, arguments: [event.messageID])
                let decision = ClaimRules.dispute(state: window.flatMap { ClaimRules.State(rawValue: $0["state"]) },
                                                  department: event.department, reason: event.reason, at: event.at)
                try apply(decision, db, deadlineID: window?["id"], messageID: event.messageID, at: t)
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

    public func closeDueDeadlines(now: Date) throws -> [ClosedDeadline] {
        let t = now.timeIntervalSince1970
        return try writer.write { db in
            // Only a message the platform acknowledged can be claimed: its claim time runs from the push. A body
            // that is not JSON (damaged by hand) names no department instead of failing every run's deadlines.
            let rows = try Row.fetchAll(db, sql: """
                SELECT dl.id, dl.messageID, dl.duty, dl.dueAt, m.kind,
                       CASE WHEN json_valid(m.body) THEN json_extract(m.body, '$.supervisingDepartment') END AS department
                FROM deadline dl JOIN message m ON m.id = dl.messageID
                WHERE dl.state = 'open' AND dl.dueAt <= ?
                  AND EXISTS (SELECT 1 FROM delivery d WHERE d.messageID = dl.messageID
                              AND d.duty IN ('approval.push', 'supervision.push') AND d.state = 'delivered')
                """, arguments: [t])
            var closed: [ClosedDeadline] = []
            for row in rows {
                guard let duty = DutyName(rawValue: row["duty"]),
                      let decision = ClaimRules.due(duty: duty, dueAt: Date(timeIntervalSince1970: row["dueAt"]), now: now, acknowledged: true,
                                                    supervisingDepartment: row["department"]),
                      let state = decision.state
                else { continue }
                let messageID: String = row["messageID"]
                try apply(decision, db, deadlineID: row["id"], messageID: messageID, at: t)
                closed.append(ClosedDeadline(messageID: messageID, duty: duty.rawValue, state: state.rawValue, department: decision.closedBy))
            }
            return closed
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
                if let oldest = try Row.fetchOne(db, sql: """
                    SELECT dueAt, messageID FROM delivery WHERE destination = ? AND state IN \(Self.openDeliveryStates)
                      AND dueAt IS NOT NULL ORDER BY dueAt LIMIT 1
                    """, arguments: [q.destination]) {
                    q.oldestDueAt = Date(timeIntervalSince1970: oldest["dueAt"])
                    q.oldestMessageID = oldest["messageID"]
                }
                queues.append(q)
            }
            let open = "state IN \(Self.openDeliveryStates) AND dueAt IS NOT NULL"
            func count(_ sql: String, _ args: StatementArguments = []) throws -> Int { try Int.fetchOne(db, sql: sql, arguments: args) ?? 0 }
            let claims = try Row.fetchAll(db, sql: """
                SELECT state, COUNT(*) AS n FROM deadline WHERE duty IN \(Self.claimDuties) GROUP BY state
                """).reduce(into: [String: Int]()) { $0[$1["state"]] = $1["n"] }
            return DeliveryStatus(
                queues: queues,
                atRisk: try count("SELECT COUNT(*) FROM delivery WHERE \(open) AND dueAt >= ? AND dueAt < ?", [t, risk]),
                overdue: try count("SELECT COUNT(*) FROM delivery WHERE \(open) AND dueAt < ?", [t]),
                creditAtRisk: try count("SELECT COUNT(*) FROM delivery WHERE destination = 'credit' AND \(open) AND dueAt >= ? AND dueAt < ?", [t, risk]),
                creditOverdue: try count("SELECT COUNT(*) FROM delivery WHERE destination = 'credit' AND \(open) AND dueAt < ?", [t]),
                claimsOpen: claims["open"] ?? 0, claimed: claims["claimed"] ?? 0, autoClaimed: claims["auto-claimed"] ?? 0,
                disputes: try count("SELECT COUNT(*) FROM deadline WHERE state = 'disputed'"),
                approvalsWithoutCredit: try count("""
                    SELECT COUNT(DISTINCT a.key) FROM message a WHERE a.kind = 'approval'
                      AND NOT EXISTS (SELECT 1 FROM message c WHERE c.kind = 'credit.licence' AND c.key = a.key)
                    """))
        }
    }
}
