public import Foundation
public import SGWCore
import SGWPipeline
public import SGWStore

/// A store with known deliveries, claims, auto-claims, disputes and overdue items in November 2026 (周村, whose
/// approvals are auto-claimed after one working day and whose supervision information is not), for the report tests
/// and `sgw report`'s own. Every outcome is made through the store's real write path.
public struct ReportScenario: Sendable {
    /// Monday 2026-11-23 10:00 in Shanghai: when the November messages arrive and are pushed.
    public static let t0 = ShanghaiTime.parseInstant("2026-11-23T10:00:00+08:00")!
    /// When the outcomes are judged: Friday 2026-11-27, after every claim deadline.
    public static let judged = ShanghaiTime.parseInstant("2026-11-27T09:00:00+08:00")!

    /// The messages by their role in the scenario.
    public var claimed = "", autoClaimed = "", disputed = "", overdueSupervision = "", deadLetter = "", pushedLate = ""
    public var creditLate = "", creditHeld = "", october = "", december = ""

    /// Builds the scenario in `store`.
    public init(store: SQLiteStore) throws {
        let calculator = DeadlineCalculator(calendar: try WorkingCalendar.load(), profiles: try ProfileCatalog.load())
        let profiles = try ProfileCatalog.load()
        let planner = DeliveryPlanner(calculator: calculator)
        let machine = DeliveryStateMachine(configuration: .init(baseDelay: 1, maximumDelay: 10, leaseDuration: 600))
        var n = 0
        func ingest(_ body: MessageBody, at: Date, incomplete: String? = nil) throws -> String {
            n += 1
            let m = CanonicalMessage.make(body: body, key: "R\(n)", profile: "zhoucun",
                                          provenance: Provenance(adapter: "a", source: "f.csv", location: "row \(n + 1)"),
                                          receivedAt: at.addingTimeInterval(Double(n)), incomplete: incomplete)
            _ = try store.ingest([planner.plan(m)], rejections: [], importID: nil, at: at)
            return m.envelope.id.rawValue
        }
        func deliver(_ destination: String, at: Date, failing: Set<String> = []) throws {
            let leases = try store.lease(destination: destination, now: at, limit: 100, machine: machine)
            _ = try store.complete(leases.map { lease in
                failing.contains(lease.message.envelope.id.rawValue)
                    ? DeliveryReport(lease: lease, event: .failed(.permanent(reason: "HTTP 422")), jitter: 0, detail: "HTTP 422",
                                     problem: .httpPermanent("HTTP 422"))
                    : DeliveryReport(lease: lease, event: .succeeded, jitter: 0, receipt: "R", detail: "HTTP 200",
                                     restartedDeadlines: planner.deadlinesCountedFromPush(lease.message.envelope, acknowledgedAt: at))
            }, now: at, machine: machine)
        }
        let t0 = Self.t0
        let water = "区水利局", health = "区卫健局"
        october = try ingest(.approval(Fixtures.approval(supervisingDepartment: water)), at: ShanghaiTime.parseInstant("2026-10-30T10:00:00+08:00")!)
        claimed = try ingest(.approval(Fixtures.approval(supervisingDepartment: water)), at: t0)
        autoClaimed = try ingest(.approval(Fixtures.approval(supervisingDepartment: water)), at: t0)
        disputed = try ingest(.approval(Fixtures.approval(supervisingDepartment: health)), at: t0)
        deadLetter = try ingest(.approval(Fixtures.approval(supervisingDepartment: health)), at: t0)
        overdueSupervision = try ingest(.supervision(Fixtures.supervision()), at: t0)
        // Decided in 2024: sent now, it is past the 7 working days.
        creditLate = try ingest(.creditLicence(Fixtures.creditLicence()), at: t0)
        creditHeld = try ingest(.creditLicence(Fixtures.creditLicence()), at: t0, incomplete: "法定代表人 missing")
        try deliver("interaction", at: t0.addingTimeInterval(60), failing: [deadLetter])
        try deliver("credit", at: t0.addingTimeInterval(60))
        // Pushed two hours after receipt: past the 30-minute target of an at-once push.
        pushedLate = try ingest(.approval(Fixtures.approval(supervisingDepartment: water)), at: t0)
        try deliver("interaction", at: t0.addingTimeInterval(7200))
        // Received in the first seconds of December in Shanghai: outside November.
        december = try ingest(.approval(Fixtures.approval(supervisingDepartment: water)), at: ShanghaiTime.parseInstant("2026-12-01T00:00:00+08:00")!)
        try store.record([PlatformEvent(messageID: MessageID(rawValue: claimed), kind: .claimed, department: water, at: t0.addingTimeInterval(3600)),
                          PlatformEvent(messageID: MessageID(rawValue: pushedLate), kind: .claimed, department: water, at: t0.addingTimeInterval(7300)),
                          PlatformEvent(messageID: MessageID(rawValue: disputed), kind: .dispute, department: health, reason: "许可范围有误",
                                        at: t0.addingTimeInterval(1800))],
                         source: "interaction", cursor: 1, now: t0.addingTimeInterval(7300))
        _ = try store.closeDueDeadlines(now: Self.judged, profiles: profiles)
    }
}
