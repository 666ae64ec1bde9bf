import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import SGWCore
import SGWServer
import SGWStore
import SGWTesting
import Testing

/// `POST /api/v1/reload` in the whole gateway (its supervisor running): an operator's reload is done as a SIGHUP's
/// and written to the audit log; a department's is refused.
@Suite struct AdminReloadTests {
    @Test func anOperatorReloadsTheConfigurationAndTheAuditLogSaysSo() async throws {
        let harness = try GatewayHarness()
        var secrets: [String: String] = [:]
        for (name, role, departments) in [("ops", Role.operator, [String]()), ("dept", .department, ["区水利局"])] {
            let secret = TokenSecret.generate()
            try harness.store.addToken(APIToken(name: name, role: role, departments: departments, createdAt: Date(), createdBy: "test"),
                                       secretHash: TokenSecret.hash(secret), by: .commandLine(user: "test"))
            secrets[name] = secret
        }
        let app = GatewayApplication.make(setup: harness.setup, parts: try harness.parts(), metrics: nil,
                                          logger: Logger(label: "sgw-test"), onListening: { _ in })
        try await app.test(.live) { [secrets] client in
            func reload(_ name: String) async throws -> (Int, [String: Any]) {
                let response = try await client.execute(uri: "/api/v1/reload", method: .post,
                                                        headers: [.authorization: "Bearer \(secrets[name]!)"])
                return (Int(response.status.code), (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:])
            }
            let (refused, error) = try await reload("dept")
            #expect(refused == 403)
            #expect((error["error"] as? [String: Any])?["code"] as? String == "forbidden")
            let (status, answer) = try await reload("ops")
            #expect(status == 200)
            #expect((answer["detail"] as? String)?.hasPrefix("reloaded: ") == true)
        }
        let reloads = try harness.store.auditLog(before: nil, limit: 10).filter { $0.action == .configurationReload }
        #expect(reloads.map(\.actor) == ["ops"])
        await harness.close()
    }
}
