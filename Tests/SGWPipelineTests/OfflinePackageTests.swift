import Foundation
import GRDB
import SGWCore
import SGWFormats
import SGWPipeline
@testable import SGWStore
import SGWTesting
import Testing

/// Offline packages: approvals routed to a department's package at ingest, written as a complete package (never a
/// half-written one), and marked delivered, claimed or rejected from the department's receipt.
@Suite struct OfflinePackageTests {
    static let calculator = DeadlineCalculator(calendar: try! WorkingCalendar.load(), profiles: try! ProfileCatalog.load())

    /// A package destination for 区卫生健康局 in `dir` (format `format`), and a planner routing its approvals there.
    func destination(_ dir: TemporaryDirectory, format: String) throws -> (DestinationSpec, DeliveryPlanner) {
        let file = try dir.write("destinations/health.yaml", """
            platform: interaction
            kind: package
            package:
              recipients: [区卫生健康局]
              outbox: outbox/health
              receipts: receipts/health
              format: \(format)
              sender: 区行政审批服务局
            """)
        let (spec, problems) = DestinationSpec.load(path: file, dataFolder: dir.path)
        #expect(problems.isEmpty, "\(problems)")
        let destination = try #require(spec)
        return (destination, DeliveryPlanner(calculator: Self.calculator, packageRoutes: ["区卫生健康局": destination.name]))
    }

    /// `count` approvals for 区卫生健康局.
    func approvals(_ count: Int, planner: DeliveryPlanner) -> [IngestItem] {
        let approval = Fixtures.approval(supervisingDepartment: "区卫生健康局")
        return (0..<count).map { i in
            planner.plan(CanonicalMessage.make(body: .approval(approval), key: "k\(i)", profile: "zhoucun",
                                               provenance: Provenance(adapter: "a", source: "f")))
        }
    }

    /// The one package in `outbox` (none left half-written) and its manifest.
    func onlyPackage(in outbox: String) throws -> (name: String, manifest: [String: Any]) {
        let packages = try FileManager.default.contentsOfDirectory(atPath: outbox)
        #expect(packages.count == 1)
        let name = try #require(packages.first)
        #expect(!name.hasPrefix("."), "a temporary package was left behind")
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(outbox)/\(name)/manifest.json"))
        return (name, try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]))
    }

    @Test func aPackageIsWrittenWholeAndTheReceiptClosesIt() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (destination, planner) = try destination(dir, format: "xlsx")
        let store = try SQLiteStore(dataFolder: dir.path + "/data")
        let items = approvals(3, planner: planner)
        #expect(items.allSatisfy { $0.deliveries.map(\.queue) == ["health"] })
        _ = try store.ingest(items, rejections: [], importID: nil, at: Date())
        let runner = DeliveryRunner(store: store, clients: [], packagers: [try #require(OfflinePackager(spec: destination))], planner: planner)

        _ = try await runner.run(untilIdle: true, maxWait: 30)
        let outbox = dir.path + "/outbox/health"
        let (package, manifest) = try onlyPackage(in: outbox)
        #expect(manifest["records"] as? Int == 3)
        // The department opens the workbook: a header and three rows, the message id first.
        var reader = try XLSXRecordReader(path: "\(outbox)/\(package)/records.xlsx", format: XLSXFormat())
        var ids: [String] = []
        while let r = try reader.next() { if case .record(let row) = r { ids.append(row["消息编号"] ?? "") } }
        #expect(Set(ids) == Set(items.map(\.message.envelope.id.rawValue)))

        // It fetches the package (moving it out of the outbox), then confirms two, rejects one and claims one.
        try FileManager.default.removeItem(atPath: "\(outbox)/\(package)")
        let receipt: [String: Any] = ["package": package, "accepted": Array(ids.prefix(2)),
                                      "rejected": [["id": ids[2], "reason": "不属于本部门监管"]],
                                      "claims": [["id": ids[0], "department": "区卫生健康局"]]]
        try JSONSerialization.data(withJSONObject: receipt).write(to: URL(fileURLWithPath: dir.path + "/receipts/health/r.json"))
        _ = try await runner.run(untilIdle: true, maxWait: 30)
        let status = try store.deliveryStatus(now: Date(), atRiskBefore: Date())
        let queue = try #require(status.queues.first { $0.destination == "health" })
        #expect(queue.delivered == 2 && queue.deadLetters == 1 && queue.pending == 0 && queue.leased == 0)
        #expect(status.claimed == 1)
        #expect(FileManager.default.fileExists(atPath: dir.path + "/receipts/health/processed/r.json"))

        // The same receipt dropped again is applied once; one for a package that does not exist is set aside.
        try JSONSerialization.data(withJSONObject: receipt).write(to: URL(fileURLWithPath: dir.path + "/receipts/health/again.json"))
        try JSONSerialization.data(withJSONObject: ["package": "no-such-package", "accepted": ids])
            .write(to: URL(fileURLWithPath: dir.path + "/receipts/health/stray.json"))
        _ = try await runner.run(untilIdle: true, maxWait: 30)
        #expect(FileManager.default.fileExists(atPath: dir.path + "/receipts/health/duplicates/again.json"))
        #expect(FileManager.default.fileExists(atPath: dir.path + "/receipts/health/rejected/stray.json"))
        let after = try store.deliveryStatus(now: Date(), atRiskBefore: Date())
        #expect(after.queues.first { $0.destination == "health" }?.deadLetters == 1)
    }

    @Test func aStoredMessageThatCannotBeReadIsParkedAloneAndTheRestArePackaged() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (destination, planner) = try destination(dir, format: "csv-utf8")
        let store = try SQLiteStore(dataFolder: dir.path + "/data")
        let items = approvals(3, planner: planner)
        _ = try store.ingest(items, rejections: [], importID: nil, at: Date())
        // One body damaged by hand: valid JSON, but not an approval.
        let damaged = items[1].message.envelope.id.rawValue
        try await store.writer.write { try $0.execute(sql: "UPDATE message SET body = '{\"not\": 1}' WHERE id = ?", arguments: [damaged]) }
        let runner = DeliveryRunner(store: store, clients: [], packagers: [try #require(OfflinePackager(spec: destination))], planner: planner)

        _ = try await runner.run(untilIdle: true, maxWait: 30)
        let (_, manifest) = try onlyPackage(in: dir.path + "/outbox/health")
        #expect(manifest["records"] as? Int == 2)
        #expect((manifest["leases"] as? [String: String])?[damaged] == nil)
        let letters = try store.deadLetters(limit: 10)
        #expect(letters.map(\.messageID.rawValue) == [damaged])
        #expect(letters.first?.code == "unreadable-message")
    }

    /// Routing compares names as the mapping cleans values: an invisible character or a space on either side (the
    /// message's department, a destination's recipient) does not send a department's approvals elsewhere.
    @Test func routingComparesCleanedNames() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (_, planner) = try destination(dir, format: "csv-utf8")
        for department in ["区卫生健康局", "区卫生健康局\u{200B}", "\u{FEFF}区卫生健康局 ", "区卫生\u{2060}健康局"] {
            let item = planner.plan(CanonicalMessage.make(body: .approval(Fixtures.approval(supervisingDepartment: department)), key: "k",
                                                          profile: "zhoucun", provenance: Provenance(adapter: "a", source: "f")))
            #expect(item.deliveries.map(\.queue) == ["health"], "\(department.unicodeScalars.map(\.value))")
        }
        let typedWithSpace = DeliveryPlanner(calculator: Self.calculator, packageRoutes: ["区卫生健康局\u{200B} ": "health"])
        let item = typedWithSpace.plan(CanonicalMessage.make(body: .approval(Fixtures.approval(supervisingDepartment: "区卫生健康局")), key: "k",
                                                             profile: "zhoucun", provenance: Provenance(adapter: "a", source: "f")))
        #expect(item.deliveries.map(\.queue) == ["health"])
        let other = planner.plan(CanonicalMessage.make(body: .approval(Fixtures.approval(supervisingDepartment: "区水利局")), key: "k",
                                                       profile: "zhoucun", provenance: Provenance(adapter: "a", source: "f")))
        #expect(other.deliveries.map(\.queue) == ["interaction"])
    }

    /// 曲阜 art. 20.1: approvals that go out by a periodic offline push are due with the package's period, not at the
    /// at-once target; a package without a period keeps the profile's target.
    @Test(arguments: [("daily", "2026-11-28T10:00:00+08:00", "2026-11-30T23:59:59+08:00"),
                      ("daily", "2026-11-27T10:00:00+08:00", "2026-11-27T23:59:59+08:00"),
                      ("weekly", "2026-11-23T10:00:00+08:00", "2026-11-29T23:59:59+08:00"),
                      ("monthly", "2026-11-23T10:00:00+08:00", "2026-11-30T23:59:59+08:00")])
    func aPeriodicPackageIsDueWithItsPeriod(_ period: String, _ received: String, _ due: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("destinations/qufu-health.yaml", """
            platform: interaction
            kind: package
            package:
              recipients: [市卫生健康局]
              outbox: outbox/health
              receipts: receipts/health
              sender: 曲阜市行政审批服务局
              period: \(period)
            """)
        let spec = try #require(DestinationSpec.load(path: file, dataFolder: dir.path).0)
        #expect(spec.package?.period?.rawValue == period)
        let planner = DeliveryPlanner(calculator: Self.calculator, packageRoutes: ["市卫生健康局": spec.name],
                                      packagePeriods: [spec.name: try #require(spec.package?.period)])
        let at = try #require(ShanghaiTime.parseInstant(received))
        func push(_ department: String) -> PlannedDelivery {
            planner.plan(CanonicalMessage.make(body: .approval(Fixtures.approval(supervisingDepartment: department)), key: "k", profile: "qufu",
                                               provenance: Provenance(adapter: "a", source: "f"), receivedAt: at)).deliveries[0]
        }
        #expect(push("市卫生健康局").queue == spec.name)
        #expect(push("市卫生健康局").dueAt == ShanghaiTime.parseInstant(due))
        // Another department's approval goes to the platform at once (30 minutes).
        #expect(push("市水务局").dueAt == at.addingTimeInterval(1800))
    }

    @Test func aPackagePeriodOutsideTheListIsAProblem() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("destinations/p.yaml", """
            platform: interaction
            kind: package
            package: {recipients: [市卫生健康局], outbox: o, receipts: r, sender: s, period: fortnightly}
            """)
        let problems = DestinationSpec.load(path: file, dataFolder: dir.path).1
        #expect(problems.contains { $0.message == "'period' must be daily, weekly, monthly (got 'fortnightly')" }, "\(problems)")
    }
}
