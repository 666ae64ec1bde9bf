import Foundation
import SGWCore
import SGWPipeline
import SGWStore
import SGWTesting
import Testing

/// 周村 art. 7.2.1: an approval whose counterparty had a licence revoked, or has a dishonesty record, before it carries
/// a warning to the platform; an approval before such a record, or for someone else, carries none.
struct CounterpartyWarningTests {
    static let calculator = DeadlineCalculator(calendar: try! WorkingCalendar.load(), profiles: try! ProfileCatalog.load())
    let machine = DeliveryStateMachine(configuration: .init(baseDelay: 1, maximumDelay: 10, leaseDuration: 60))
    let t0 = ShanghaiTime.parseInstant("2026-11-23T10:00:00+08:00")!
    let company = Fixtures.organisation()
    let other = Fixtures.organisation(name: "另一家公司", uscc: "91370302MA3C8K2X1P")

    func message(_ body: MessageBody, _ key: String, at seconds: Double) -> IngestItem {
        DeliveryPlanner(calculator: Self.calculator).plan(
            CanonicalMessage.make(body: body, key: key, profile: "zhoucun",
                                  provenance: Provenance(adapter: "a", source: "f.csv", location: "row 2"),
                                  receivedAt: t0.addingTimeInterval(seconds)))
    }

    @Test func anApprovalAfterARevocationOrABrokenCommitmentCarriesWarnings() throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        let store = temporary.store
        let before = message(.approval(Fixtures.approval(counterparty: company)), "m:before", at: 0)
        var revocation = Fixtures.supervision()
        revocation.kind = .revocation
        revocation.counterparty = company
        let revoked = message(.supervision(revocation), "s:revoked", at: 10)
        let broken = Approval(itemName: "食品经营许可", documentNumber: "ZH审批〔2026〕9号", counterparty: company,
                              decisionDate: LocalDate("2026-10-09")!, validity: Validity(from: LocalDate("2026-10-09")!, to: nil),
                              content: "告知承诺制", supervisingDepartment: "区市场监督管理局",
                              commitment: Commitment(letterReference: "承诺〔2026〕3号", verification: .broken,
                                                     verifiedOn: LocalDate("2026-10-20")!))
        let brokenCommitment = message(.approval(broken), "m:broken", at: 20)
        let after = message(.approval(Fixtures.approval(counterparty: company)), "m:after", at: 30)
        let someoneElse = message(.approval(Fixtures.approval(counterparty: other)), "m:other", at: 40)
        _ = try store.ingest([before, revoked, brokenCommitment, after, someoneElse], rejections: [], importID: nil, at: t0)

        let ids = [before, brokenCommitment, after, someoneElse].map(\.message.envelope.id.rawValue)
        let warnings = try store.counterpartyWarnings(forMessages: ids)
        #expect(warnings[before.message.envelope.id.rawValue] == nil)
        #expect(warnings[someoneElse.message.envelope.id.rawValue] == nil)
        #expect(warnings[brokenCommitment.message.envelope.id.rawValue]?.map(\.reason) == [.licenceRevoked])
        let onAfter = try #require(warnings[after.message.envelope.id.rawValue])
        #expect(onAfter.map(\.reason) == [.licenceRevoked, .dishonesty])
        #expect(onAfter[0].messageID == revoked.message.envelope.id && onAfter[0].department == "区市场监督管理局")
        #expect(onAfter[1].text.contains("存在失信记录") && onAfter[1].text.contains("承诺〔2026〕3号"))

        // Leased for the interaction platform, the later approval's request body carries them; the first one's not.
        let leases = try store.lease(destination: "interaction", now: t0.addingTimeInterval(60), limit: 10, machine: machine)
        let leased = try #require(leases.first { $0.message.envelope.id == after.message.envelope.id })
        #expect(leased.message.warnings == onAfter)
        let body = String(decoding: try PlatformPayload.body(for: leased.message), as: UTF8.self)
        #expect(body.contains(#""warnings":[{"#) && body.contains("曾被吊销许可证件"))
        let first = try #require(leases.first { $0.message.envelope.id == before.message.envelope.id })
        #expect(!String(decoding: try PlatformPayload.body(for: first.message), as: UTF8.self).contains("warnings"))
    }
}
