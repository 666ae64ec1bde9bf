import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SGWCore
import SGWPipeline
import SGWServer
import SGWStore
import SGWTesting
import Testing

/// The message page and the counterparty view show the warnings of 周村 art. 7.2.1; a department reads what the
/// warning says, but gets no id of another department's record.
struct CounterpartyWarningViewTests {
    static let calculator = DeadlineCalculator(calendar: try! WorkingCalendar.load(), profiles: try! ProfileCatalog.load())
    let t0 = ShanghaiTime.parseInstant("2026-11-23T10:00:00+08:00")!

    @Test func anApprovalPageAndTheCounterpartyViewShowTheRestrictions() async throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        let store = temporary.store
        let planner = DeliveryPlanner(calculator: Self.calculator)
        func item(_ body: MessageBody, _ key: String, _ seconds: Double) -> IngestItem {
            planner.plan(CanonicalMessage.make(body: body, key: key, profile: "zhoucun",
                                               provenance: Provenance(adapter: "a", source: "f.csv", location: "row 2"),
                                               receivedAt: t0.addingTimeInterval(seconds)))
        }
        var revocation = Fixtures.supervision()  // by 区市场监督管理局
        revocation.kind = .revocation
        revocation.counterparty = Fixtures.organisation()
        let revoked = item(.supervision(revocation), "s:1", 0)
        let approval = item(.approval(Fixtures.approval(counterparty: Fixtures.organisation(), supervisingDepartment: "区水利局")), "m:1", 10)
        _ = try store.ingest([revoked, approval], rejections: [], importID: nil, at: t0)
        let service = AdminService(store: store, calendar: Self.calculator.calendar, now: { self.t0 })
        let approvalID = approval.message.envelope.id.rawValue

        let operatorView = try service.message(Principal(name: "op", role: .operator), id: approvalID)
        #expect(operatorView.warnings.map(\.reason) == ["licence-revoked"])
        #expect(operatorView.warnings.first?.messageID == revoked.message.envelope.id.rawValue)
        #expect(operatorView.warnings.first?.text.contains("曾被吊销许可证件") == true)

        let water = Principal(name: "水利", role: .department, departments: ["区水利局"])
        let departmentView = try service.message(water, id: approvalID)
        #expect(departmentView.warnings.map(\.department) == ["区市场监督管理局"])
        #expect(departmentView.warnings.first?.messageID == nil, "the revocation is another department's message")

        let uscc = Fixtures.organisation().uscc!
        let counterparty = try service.counterparty(Principal(name: "op", role: .operator), identity: uscc.lowercased(),
                                                    try PageRequest(limit: 10, offset: 0))
        #expect(counterparty.restrictions.map(\.messageID) == [revoked.message.envelope.id.rawValue])
        #expect(counterparty.messages.total == 2)
        let seenByWater = try service.counterparty(water, identity: uscc, try PageRequest(limit: 10, offset: 0))
        #expect(seenByWater.messages.total == 1 && seenByWater.restrictions.count == 1 && seenByWater.restrictions[0].messageID == nil)

        // In the console: a banner on the approval's page and on the counterparty's, with a link for whoever may open it.
        let secret = TokenSecret.generate()
        try store.addToken(APIToken(name: "op", role: .operator, departments: [], createdAt: t0, createdBy: "test"),
                           secretHash: TokenSecret.hash(secret), by: Principal.commandLine(user: "test"))
        let app = GatewayServer.application(GatewayServer.Routes(store: store, admin: service), port: 0)
        try await app.test(.live) { client in
            let cookie: HTTPFields = [.cookie: "\(AccessGate.cookieName)=\(secret)"]
            // The counterparty by its number, and by a message of it (as the message page links, for roles that see it masked).
            for path in ["/console/messages/\(approvalID)", "/console/counterparties?id=\(uscc)", "/console/counterparties?message=\(approvalID)"] {
                let response = try await client.execute(uri: path, method: .get, headers: cookie)
                let html = String(buffer: response.body)
                #expect(response.status == .ok, "\(path)")
                #expect(html.contains("banner warn") && html.contains("曾被吊销许可证件"), "\(path)")
                #expect(html.contains("/console/messages/\(revoked.message.envelope.id.rawValue)"), "\(path)")
            }
        }
    }
}
