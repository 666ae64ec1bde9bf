import Foundation
import SGWCore
@testable import SGWPipeline
@testable import SGWStore
import SGWTesting
import Testing

/// What an offline package's receipt decides, tested without files or a store: the leases are made here as the store
/// would hand them out, the receipts read from the JSON a department writes.
@Suite struct ReceiptReconcilerTests {
    static let planner = DeliveryPlanner(calculator: DeadlineCalculator(calendar: try! WorkingCalendar.load(), profiles: try! ProfileCatalog.load()))
    let reconciler = ReceiptReconciler(defaultDepartment: "区卫生健康局", planner: Self.planner)
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// A lease of a fresh approval under `token`.
    func lease(_ n: Int, token: String) -> DeliveryLease {
        let message = CanonicalMessage.make(body: .approval(Fixtures.approval(supervisingDepartment: "区卫生健康局")), key: "k\(n)",
                                            profile: "zhoucun", provenance: Provenance(adapter: "a", source: "f"))
        return DeliveryLease(id: Int64(n), destination: "health", duty: .approvalClaim, dueAt: nil, attempt: 1,
                             until: now.addingTimeInterval(86_400), token: token,
                             message: LeasedMessage(envelope: message.envelope, decisionDate: message.body.decisionDate,
                                                    canonicalBody: message.canonicalBody))
    }

    func receipt(_ json: String) throws -> OfflinePackager.Receipt {
        try JSONDecoder().decode(OfflinePackager.Receipt.self, from: Data(json.utf8))
    }

    func id(_ lease: DeliveryLease) -> String { lease.message.envelope.id.rawValue }

    @Test func acceptedRecordsAreDeliveredWithTheirDeadlinesCountedFromTheReceipt() throws {
        let a = lease(1, token: "t1")
        let r = reconciler.reconcile(try receipt(#"{"package": "p1", "accepted": ["\#(id(a))"]}"#), file: "r.json", package: "p1",
                                     tokens: [id(a): "t1"], leases: [a], now: now)
        let report = try #require(r.reports.first)
        #expect(r.reports.count == 1)
        #expect(report.event == .succeeded)
        #expect(report.receipt == "p1")
        #expect(report.detail == "confirmed by the recipient's receipt r.json")
        let restarted = Self.planner.deadlinesCountedFromPush(a.message.envelope, acknowledgedAt: now)
        #expect(!restarted.isEmpty, "周村 counts the claim from the push")
        #expect(report.restartedDeadlines == restarted)
        #expect((r.contradicted, r.foreignClaims, r.unmatched) == (0, 0, 0))
    }

    @Test func rejectedRecordsArePermanentFailuresWithTheRecipientsReason() throws {
        let a = lease(1, token: "t1"), b = lease(2, token: "t2")
        let r = reconciler.reconcile(try receipt("""
            {"package": "p1", "rejected": [{"id": "\(id(a))", "reason": "证件号码有误"}, {"id": "\(id(b))"}]}
            """), file: "r.json", package: "p1", tokens: [id(a): "t1", id(b): "t2"], leases: [a, b], now: now)
        #expect(r.reports.map(\.problem?.code) == ["recipient-rejected", "recipient-rejected"])
        #expect(r.reports.map(\.event) == [.failed(.permanent(reason: "the recipient rejected it: 证件号码有误")),
                                           .failed(.permanent(reason: "the recipient rejected it: no reason given"))])
        #expect(r.reports.first?.detail == "the recipient rejected it: 证件号码有误 (receipt r.json)")
    }

    @Test func aRecordBothAcceptedAndRejectedCountsAsAccepted() throws {
        let a = lease(1, token: "t1")
        let r = reconciler.reconcile(try receipt("""
            {"package": "p1", "accepted": ["\(id(a))"], "rejected": [{"id": "\(id(a))", "reason": "重复"}]}
            """), file: "r.json", package: "p1", tokens: [id(a): "t1"], leases: [a], now: now)
        #expect(r.reports.map(\.event) == [.succeeded])
        #expect(r.contradicted == 1)
    }

    @Test func onlyLeasesThisPackageWentOutUnderAreDecided() throws {
        // `a` was sent again in a later package (another token); `unknown` was never leased here.
        let a = lease(1, token: "later"), b = lease(2, token: "t2")
        let r = reconciler.reconcile(try receipt("""
            {"package": "p1", "accepted": ["\(id(a))", "\(id(b))", "unknown"]}
            """), file: "r.json", package: "p1", tokens: [id(a): "t1", id(b): "t2"], leases: [a, b], now: now)
        #expect(r.reports.map(\.lease.id) == [2])
        #expect(r.unmatched == 2)
    }

    @Test func claimsCountOnlyForRecordsThePackageCarried() throws {
        let a = lease(1, token: "t1"), b = lease(2, token: "t2")
        let r = reconciler.reconcile(try receipt("""
            {"package": "p1", "claims": [{"id": "\(id(a))", "department": "区市场监督管理局", "at": "2027-01-15T09:00:00Z"},
                                         {"id": "\(id(b))"}, {"id": "elsewhere"}]}
            """), file: "r.json", package: "p1", tokens: [id(a): "t1", id(b): "t2"], leases: [], now: now)
        #expect(r.claims == [
            PlatformEvent(messageID: MessageID(rawValue: id(a)), kind: .claimed, department: "区市场监督管理局", at: Date(timeIntervalSince1970: 1_800_003_600)),
            PlatformEvent(messageID: MessageID(rawValue: id(b)), kind: .claimed, department: "区卫生健康局", at: now),
        ])
        #expect(r.foreignClaims == 1)
        #expect(r.reports.isEmpty)
    }

    @Test func theLeasesToLookUpAreEveryRecordNamedOnce() throws {
        let named = ReceiptReconciler.named(in: try receipt("""
            {"package": "p1", "accepted": ["b", "a"], "rejected": [{"id": "a"}, {"id": "c"}]}
            """))
        #expect(named == ["a", "b", "c"])
    }
}
