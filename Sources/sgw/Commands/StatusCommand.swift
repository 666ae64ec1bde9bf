import ArgumentParser
import Foundation
import SGWCore
import SGWStore

/// `sgw status [--json]`: what the store holds and what falls due.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Messages, delivery queues, deliveries at risk and overdue, dead letters, claims, the last import's rejections.",
        discussion: """
            At risk: not yet delivered, with less than one working day left before the deadline. Overdue: not \
            delivered and past the deadline (retries go on). Credit records are shown apart: the 7-working-day rule.
            """)

    @OptionGroup var rules: RulesOptions
    @OptionGroup var storeOptions: StoreOptions
    @Flag(help: "One JSON object.") var json = false
    @Option(help: ArgumentHelp("Judge deadlines as if it were this time, e.g. 2026-12-01T09:00:00+08:00.", valueName: "time"))
    var asOf: String?
    @OptionGroup var periodOptions: StatusPeriodOptions

    func run() throws {
        let now = try asOf.map { text in
            guard let t = ShanghaiTime.parseInstant(text) else { throw ValidationError("--as-of: '\(text)' is not a time") }
            return t
        } ?? .now
        if let period = periodOptions.period {
            return try printPeriod(period, now: now)
        }
        let calendar = try rules.loadCalendar()
        let riskBefore = calendar.atRiskCutoff(after: now)
        let (s, d) = try storeOptions.reading { store in
            (try store.status(now: now), try store.deliveryStatus(now: now, atRiskBefore: riskBefore))
        }
        if json {
            var object: [String: Any] = [
                "messages": s.messagesByKind,
                "deliveries": s.deliveries.map { ["destination": $0.destination, "state": $0.state, "count": $0.count] },
                "dueToday": s.dueToday, "overdue": s.overdue,
                "lastImportRejections": Dictionary(uniqueKeysWithValues: s.lastRejections.map { ($0.code, $0.count) }),
                "queues": d.queues.map { q -> [String: Any] in
                    var o: [String: Any] = ["destination": q.destination, "pending": q.pending, "leased": q.leased,
                                            "delivered": q.delivered, "deliveredLate": q.deliveredLate, "deadLetters": q.deadLetters]
                    if let due = q.oldestDueAt { o["oldestDueAt"] = ShanghaiTime.format(due); o["oldestMessage"] = q.oldestMessageID }
                    return o
                },
                "atRisk": d.atRisk, "overdueDeliveries": d.overdue, "creditAtRisk": d.creditAtRisk, "creditOverdue": d.creditOverdue,
                "approvalsWithoutCredit": d.approvalsWithoutCredit,
                "claims": ["open": d.claimsOpen, "claimed": d.claimed, "autoClaimed": d.autoClaimed, "disputes": d.disputes,
                           "overdue": d.claimsOverdue, "claimedLate": d.claimedLate],
                "overdueDeadlines": d.overdueByDepartment.map { ["duty": $0.duty, "department": $0.department, "count": $0.count] },
                "duties": d.duties.map { f -> [String: Any] in
                    ["duty": f.duty, "kind": f.kind, "delivered": f.delivered, "deliveredLate": f.deliveredLate, "undelivered": f.undelivered,
                     "deadlines": f.deadlines]
                },
                "changeRequests": ["requests": d.changeRequests, "answered": d.changeRequestsAnswered,
                                   "decisionsDelivered": d.changeDecisionsDelivered],
                "lateExports": d.lateExports.map { ["adapter": $0.adapter, "kind": $0.kind, "count": $0.count, "maxDays": $0.maxDays] },
                "provisionalDeadlines": d.provisionalOpen.map { ["year": $0.year, "deadlines": $0.deadlines, "deliveries": $0.deliveries] },
            ]
            if let last = s.lastImport {
                object["lastImport"] = s.lastImportStored.map { stored -> [String: Any] in
                    ["file": last.file, "finished": false, "storedSoFar": stored, "rejectionsSoFar": s.lastRejections.reduce(0) { $0 + $1.count }]
                } ?? ["file": last.file, "rows": last.rows, "accepted": last.stored.accepted, "duplicates": last.stored.duplicates,
                      "updated": last.stored.updated, "rejected": last.rejected, "skipped": last.skipped,
                      "acceptedMessages": last.stored.acceptedMessages, "updatedMessages": last.stored.updatedMessages,
                      "countsRecords": last.countsRecords, "finished": last.finishedAt != nil]
            }
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        print("messages: " + (s.messagesByKind.isEmpty ? "none" : s.messagesByKind.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))
        print("deliveries:")
        if d.queues.isEmpty { print("  none") }
        for q in d.queues {
            let oldest = q.oldestDueAt.map { ", oldest open deadline \(ShanghaiTime.format($0))\(($0 < now) ? " (passed)" : "")" } ?? ""
            print("  \(q.destination): \(q.pending) pending, \(q.leased) in flight, \(q.delivered) delivered (\(q.deliveredLate) late), "
                  + "\(q.deadLetters) dead letters\(oldest)")
        }
        print("at risk (under one working day left): \(d.atRisk); overdue: \(d.overdue)")
        print("credit records (7 working days): at risk \(d.creditAtRisk), overdue \(d.creditOverdue)")
        if d.approvalsWithoutCredit > 0 {
            print("licensing decisions with no 双公示 record (their mapping derives none): \(d.approvalsWithoutCredit)")
        }
        print("claims: \(d.claimsOpen) open, \(d.claimsOverdue) overdue, \(d.claimed) claimed, \(d.claimedLate) claimed late, "
              + "\(d.autoClaimed) auto-claimed (视为自动认领), \(d.disputes) disputes")
        if !d.overdueByDepartment.isEmpty {
            print("overdue and still open (the department that is late):")
            for o in d.overdueByDepartment { print("  \(o.duty) \(o.department): \(o.count)") }
        }
        if d.changeRequests > 0 {
            print("change requests (函告): \(d.changeRequests), \(d.changeRequestsAnswered) answered by a decision, "
                  + "\(d.changeDecisionsDelivered) decisions delivered back")
        }
        if !d.duties.isEmpty {
            print("per duty:")
            for f in d.duties { print("  \(f.duty) \(f.kind): \(f.summary)") }
        }
        if !d.lateExports.isEmpty {
            print("received a day or more after their decision (at-once pushes: the source system exported late):")
            for l in d.lateExports { print("  \(l.adapter) \(l.kind): \(l.count), up to \(l.maxDays) days") }
        }
        for p in d.provisionalOpen {
            print("provisional: \(p.deadlines) open deadlines and \(p.deliveries) deliveries fall in \(p.year), whose holiday notice is "
                  + "not loaded (weekends only counted); load it with --calendar-dir (docs/calendar.md)")
        }
        print("deadlines: due today \(s.dueToday), overdue \(s.overdue)")
        if d.queues.contains(where: { $0.deadLetters > 0 }) { print("dead letters need an operator: sgw deadletters list") }
        if let last = s.lastImport {
            if let stored = s.lastImportStored {
                // Its counts are written when it finishes: say what is in the store instead of zeros.
                let rejected = s.lastRejections.reduce(0) { $0 + $1.count }
                print("last import: \(last.file): not finished (it failed or is under way): \(stored) messages stored, "
                      + "\(rejected) rejections recorded so far; importing the file again completes it")
            } else {
                print("last import: \(last.file): \(last.summary)")
            }
            for r in s.lastRejections { print("  rejected \(r.code): \(r.count)") }
        }
    }
}
