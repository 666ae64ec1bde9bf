import Foundation
import SGWCore
import SGWReports
import SGWStore
import SGWTesting
import SGWPipeline
import Testing

/// The report's numbers on a store with known outcomes (`ReportScenario`), the messages behind each, the scope of a
/// department, and the agreement with the same period counted in SQL (`periodFigures`, `sgw status --period`).
struct AccountabilityReportTests {
    static func scenario() throws -> (TemporaryStore, ReportScenario, AccountabilityReport) {
        let t = try TemporaryStore()
        let s = try ReportScenario(store: t.store)
        let report = try AccountabilityReport.make(store: t.store, period: ReportingPeriod("2026-11")!, now: ReportScenario.judged)
        return (t, s, report)
    }

    static func ids(_ table: ReportTable, _ column: String) -> Set<String> {
        Set(table.totals[table.column(column)!].map(\.messageID))
    }

    @Test func theNumbersAndTheMessagesBehindThem() throws {
        let (t, s, report) = try Self.scenario()
        defer { t.remove() }
        // October's message and December's first one are outside the period.
        #expect(report.messages == 8)
        let pushes = try #require(report.table("pushes"))
        #expect(Self.ids(pushes, "onTime") == [s.claimed, s.autoClaimed, s.disputed, s.overdueSupervision])
        #expect(Self.ids(pushes, "late") == [s.pushedLate])
        #expect(Self.ids(pushes, "dead") == [s.deadLetter])
        #expect(Self.ids(pushes, "pushed") == [s.claimed, s.autoClaimed, s.disputed, s.overdueSupervision, s.pushedLate])
        #expect(pushes.total("total") == 6 && pushes.total("waiting") == 0 && pushes.total("overdue") == 0)

        let claims = try #require(report.table("claims"))
        #expect(Self.ids(claims, "claimed") == [s.claimed, s.pushedLate])
        #expect(Self.ids(claims, "autoClaimed") == [s.autoClaimed, s.disputed])
        #expect(Self.ids(claims, "overdue") == [s.overdueSupervision])
        #expect(Self.ids(claims, "open") == [s.deadLetter], "never pushed: its claim time has not started")
        #expect(Self.ids(claims, "disputed") == [s.disputed])
        #expect(claims.total("total") == 6 && claims.total("claimedLate") == 0)
        // Who answers for an auto-claim: the supervising department; for unclaimed supervision information, the bureau.
        let water = try #require(claims.rows.first { $0.department == "区水利局" })
        #expect(water.responsible == "区水利局（1）")
        let market = try #require(claims.rows.first { $0.department == "区市场监督管理局" })
        #expect(market.duty == "supervision.claim" && market.responsible == "周村区行政审批服务局（1）")

        let credit = try #require(report.table("credit"))
        #expect(Self.ids(credit, "late") == [s.creditLate])
        #expect(Self.ids(credit, "held") == [s.creditHeld])
        #expect(credit.total("total") == 2)
        for table in report.tables { #expect(table.addsUp, "\(table.id)") }
    }

    @Test func everyNumberAgreesWithThePeriodCountedInSQL() throws {
        let (t, _, report) = try Self.scenario()
        defer { t.remove() }
        let p = ReportingPeriod("2026-11")!
        let f = try t.store.periodFigures(ReportQuery(from: p.from, until: p.until), now: ReportScenario.judged)
        try ReportAgreement.check(report, f)
        // A period with nothing in it agrees too, with zeros.
        let empty = try AccountabilityReport.make(store: t.store, period: ReportingPeriod("2025-11")!, now: ReportScenario.judged)
        try ReportAgreement.check(empty, try t.store.periodFigures(ReportQuery(from: ReportingPeriod("2025-11")!.from,
                                                                               until: ReportingPeriod("2025-11")!.until), now: ReportScenario.judged))
        #expect(empty.tables.allSatisfy { $0.rows.isEmpty })
    }

    /// A held record corrected in the same month: the first version's delivery is superseded and counted nowhere, the
    /// correction's counted once, and the report still agrees with the period counted in SQL.
    @Test func aDeliverySupersededByACorrectionIsNotCounted() throws {
        let t = try TemporaryStore()
        defer { t.remove() }
        let planner = DeliveryPlanner(calculator: DeadlineCalculator(calendar: try WorkingCalendar.load(), profiles: try ProfileCatalog.load()))
        func ingest(_ record: CreditLicence, incomplete: String?, seconds: Double) throws {
            let m = CanonicalMessage.make(body: .creditLicence(record), key: "C1", profile: "zhoucun",
                                          provenance: Provenance(adapter: "a", source: "f.csv", location: "row 2"),
                                          receivedAt: ReportScenario.t0.addingTimeInterval(seconds), incomplete: incomplete)
            _ = try t.store.ingest([planner.plan(m)], rejections: [], importID: nil, at: ReportScenario.t0.addingTimeInterval(seconds))
        }
        try ingest(Fixtures.creditLicence(), incomplete: "法定代表人 missing", seconds: 0)
        try ingest(Fixtures.creditLicence(remarks: "更正"), incomplete: nil, seconds: 60)
        let p = ReportingPeriod("2026-11")!
        let report = try AccountabilityReport.make(store: t.store, period: p, now: ReportScenario.judged)
        let credit = try #require(report.table("credit"))
        #expect(credit.total("total") == 1 && credit.total("held") == 0)
        try ReportAgreement.check(report, try t.store.periodFigures(ReportQuery(from: p.from, until: p.until), now: ReportScenario.judged))
    }

    @Test func aDepartmentsReportHoldsOnlyItsMessages() throws {
        let (t, s, _) = try Self.scenario()
        defer { t.remove() }
        let report = try AccountabilityReport.make(store: t.store, period: ReportingPeriod("2026-11")!,
                                                   scope: .departments(["区卫健局"]), now: ReportScenario.judged)
        let all = Set(report.tables.flatMap { $0.rows.flatMap { $0.cells.flatMap { $0.map(\.messageID) } } })
        #expect(all == [s.disputed, s.deadLetter])
        #expect(report.scopeDepartments == ["区卫健局"])
        let byDepartment = try AccountabilityReport.make(store: t.store, period: ReportingPeriod("2026-11")!, department: "区水利局",
                                                         now: ReportScenario.judged)
        #expect(byDepartment.messages == 3)
        #expect(byDepartment.tables.allSatisfy { $0.rows.allSatisfy { $0.department == "区水利局" } })
    }
}

/// The report's totals against the SQL counts of the same period: the check `sgw status --period` makes possible.
enum ReportAgreement {
    static func check(_ report: AccountabilityReport, _ f: PeriodFigures) throws {
        #expect(report.messages == f.messages)
        let pushes = try #require(report.table("pushes")), claims = try #require(report.table("claims")),
            credit = try #require(report.table("credit"))
        func sum(_ duties: [String], _ field: KeyPath<PeriodFigures.Deliveries, Int>) -> Int {
            duties.reduce(0) { $0 + (f.deliveries[$1]?[keyPath: field] ?? 0) }
        }
        let push = ["approval.push", "supervision.push", "supervision.change-request"]
        #expect(pushes.total("total") == sum(push, \.total))
        #expect(pushes.total("onTime") == sum(push, \.onTime))
        #expect(pushes.total("late") == sum(push, \.late))
        #expect(pushes.total("dead") == sum(push, \.deadLetters))
        #expect(pushes.total("waiting") == sum(push, \.waiting))
        #expect(pushes.total("overdue") == sum(push, \.overdue))
        func state(_ duties: [String], _ s: String) -> Int { duties.reduce(0) { $0 + (f.deadlines[$1]?[s] ?? 0) } }
        let claim = ["approval.claim", "supervision.claim"]
        #expect(claims.total("total") == claim.reduce(0) { $0 + (f.deadlines[$1]?.values.reduce(0, +) ?? 0) })
        #expect(claims.total("claimed") == state(claim, "claimed"))
        #expect(claims.total("claimedLate") == state(claim, "claimed-late"))
        #expect(claims.total("autoClaimed") == state(claim, "auto-claimed"))
        #expect(claims.total("overdue") == state(claim, "overdue"))
        #expect(claims.total("open") == state(claim, "open"))
        #expect(claims.total("disputed") == state(["approval.feedback", "supervision.feedback"], "disputed"))
        #expect(credit.total("total") == sum(["credit.publish"], \.total))
        #expect(credit.total("onTime") == sum(["credit.publish"], \.onTime))
        #expect(credit.total("late") == sum(["credit.publish"], \.late))
        #expect(credit.total("held") == sum(["credit.publish"], \.held))
        #expect(credit.total("dead") == sum(["credit.publish"], \.deadLetters) - sum(["credit.publish"], \.held))
        #expect(credit.total("waiting") == sum(["credit.publish"], \.waiting))
        #expect(credit.total("overdue") == sum(["credit.publish"], \.overdue))
    }
}
