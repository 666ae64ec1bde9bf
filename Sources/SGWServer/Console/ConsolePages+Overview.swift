import Foundation
import Hummingbird
import SGWCore
import SGWStore

/// The overview: per destination and per department, and the next deadlines.
extension ConsolePages {
    func overview(_ principal: Principal) async throws -> Response {
        let (destinations, departments, claims, next) = try await call { s in
            (try s.deliveryTallies(principal, by: .destination), try s.deliveryTallies(principal, by: .department),
             try s.claims(principal, department: nil, since: nil, until: nil, try PageRequest(limit: 1)).departments,
             try s.deadlines(principal, .upcoming, try PageRequest(limit: 15)))
        }
        func tally(_ t: DeliveryTallyView) -> [String: Any] {
            ["name": t.group.isEmpty ? "（未注明部门）" : t.group, "pending": String(t.pending), "delivered": String(t.delivered),
             "late": String(t.deliveredLate), "overdue": String(t.overdue), "atRisk": String(t.atRisk), "deadLetters": String(t.deadLetters),
             "overdueClass": t.overdue > 0 ? "bad" : "", "atRiskClass": t.atRisk > 0 ? "warn" : ""]
        }
        // Per department: its messages' pushes, and the claims it answers for.
        let claimsByDepartment = Dictionary(claims.map { ($0.department, $0) }, uniquingKeysWith: { a, _ in a })
        let names = Set(departments.map(\.group)).union(claimsByDepartment.keys).sorted()
        let pushes = Dictionary(departments.map { ($0.group, $0) }, uniquingKeysWith: { a, _ in a })
        let departmentRows: [[String: Any]] = names.compactMap { name in
            let c = claimsByDepartment[name]?.states ?? [:]
            let p = pushes[name]
            // A department with nothing to push and nothing to claim is left out.
            guard (p.map { $0.pending + $0.delivered + $0.overdue + $0.atRisk + $0.deadLetters } ?? 0) + (claimsByDepartment[name]?.total ?? 0) > 0
            else { return nil }
            let claimsOverdue = c["overdue"] ?? 0, overdue = p?.overdue ?? 0, atRisk = p?.atRisk ?? 0
            return ["name": name.isEmpty ? "（未注明部门）" : name, "pending": String(p?.pending ?? 0), "delivered": String(p?.delivered ?? 0),
                    "late": String(p?.deliveredLate ?? 0), "overdue": String(overdue), "atRisk": String(atRisk),
                    "open": String(c["open"] ?? 0), "claimed": String((c["claimed"] ?? 0) + (c["claimed-late"] ?? 0)),
                    "claimedLate": String(c["claimed-late"] ?? 0), "autoClaimed": String(c["auto-claimed"] ?? 0),
                    "claimsOverdue": String(claimsOverdue), "disputed": String(c["disputed"] ?? 0),
                    "overdueClass": overdue > 0 ? "bad" : "", "atRiskClass": atRisk > 0 ? "warn" : "",
                    "claimsOverdueClass": claimsOverdue > 0 ? "bad" : ""]
        }
        var values: [String: Any] = [
            "now": ConsoleValues.display(ShanghaiTime.format(service.now())), "atRiskDays": "1",
            "destinations": destinations.map(tally), "departments": departmentRows, "next": try Self.deadlineRows(next.items),
        ]
        if next.total > next.items.count {
            values["nextMore"] = String(next.total - next.items.count)
            values["nextTotal"] = String(next.total)
        }
        return render("overview", principal, nav: "overview", values)
    }

    /// Deadlines as the templates' rows: labels and tones added.
    static func deadlineRows(_ items: [DeadlineView]) throws -> [[String: Any]] {
        try zip(items, ConsoleValues.objects(items)).map { view, row in
            var row = row
            row["stateLabel"] = ConsoleLabels.state(view.state)
            row["tone"] = ConsoleLabels.tone(view.state)
            row["kindLabel"] = ConsoleLabels.kind(view.kind)
            return row
        }
    }
}
