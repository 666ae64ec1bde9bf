import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import SGWServer
import SGWStore
import SGWTesting
import Testing

/// The refusals of the gateway's endpoints, each with its own status: `401` without the callback's token, `422` for
/// a body that is not events, `503` when the store cannot take a write (the sender retries) and on `/readyz` then.
/// A store that cannot take a write is one whose write lock another connection holds, as another process would:
/// the store waits its busy timeout (10 s) before it gives up, so those tests take that long.
@Suite struct GatewayServerTests {
    static let token = "callback-token-for-tests"

    /// Holds the write lock of the SQLite file at `path` from a connection of its own until `release()`.
    final class WriteLock: Sendable {
        let queue: DatabaseQueue

        init(_ path: String) throws {
            var configuration = Configuration()
            configuration.allowsUnsafeTransactions = true  // the transaction stays open until `release()`
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.inDatabase { try $0.execute(sql: "BEGIN IMMEDIATE") }
        }

        func release() throws {
            try queue.inDatabase { try $0.execute(sql: "ROLLBACK") }
        }
    }

    func withRouter(_ store: SQLiteStore, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = GatewayServer.application(GatewayServer.Routes(store: store, callbackToken: Self.token), port: 0)
        try await app.test(.router, body)
    }

    static func post(_ client: any TestClientProtocol, _ body: String, token: String?) async throws -> (HTTPResponse.Status, [String: Any]) {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        let response = try await client.execute(uri: "/v1/claims/platform", method: .post, headers: headers,
                                                body: ByteBuffer(string: body))
        let object = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:]
        return (response.status, object)
    }

    static let events = #"{"events": [{"seq": 1, "messageId": "0193a6c2-0000-7000-8000-000000000001", "type": "claimed", "department": "周村区市场监督管理局", "at": "2026-11-23T10:00:00+08:00"}]}"#

    @Test func aClaimsCallbackWithoutTheTokenIs401AndRecordsNothing() async throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        try await withRouter(temporary.store) { client in
            for token in [nil, "another-token"] {
                let (status, answer) = try await Self.post(client, Self.events, token: token)
                #expect(status == .unauthorized, "\(token ?? "no token")")
                #expect(answer["reason"] as? String == "unauthorized")
            }
            // With the token the same body is taken: the refusal was the token's.
            let (status, answer) = try await Self.post(client, Self.events, token: Self.token)
            #expect(status == .ok)
            #expect(answer["status"] as? String == "accepted")
        }
    }

    @Test(arguments: [#"{"claims": []}"#, "not json", #""events""#])
    func aClaimsCallbackBodyThatIsNoEventsIs422(_ body: String) async throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        try await withRouter(temporary.store) { client in
            let (status, answer) = try await Self.post(client, body, token: Self.token)
            #expect(status == .unprocessableContent)
            #expect(answer["status"] as? String == "rejected")
        }
    }

    @Test func aClaimsCallbackTheStoreCannotTakeIs503() async throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        let lock = try WriteLock(temporary.databasePath)
        try await withRouter(temporary.store) { client in
            let (status, answer) = try await Self.post(client, Self.events, token: Self.token)
            #expect(status == .serviceUnavailable)
            #expect(answer["reason"] as? String == "store-unavailable")
            try lock.release()
            // The platform posts them again, and now they are taken.
            let (again, _) = try await Self.post(client, Self.events, token: Self.token)
            #expect(again == .ok)
        }
    }

    @Test func notReadyWhileTheStoreCannotTakeAWrite() async throws {
        let harness = try GatewayHarness()
        let parts = try harness.parts()
        let app = GatewayApplication.make(setup: harness.setup, parts: parts, metrics: nil, logger: Logger(label: "sgw-test"),
                                          onListening: { _ in })
        let lock = try WriteLock(harness.dir.path + "/data/sgw.sqlite")
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/readyz", method: .get)
            #expect(response.status == .serviceUnavailable)
            #expect(String(buffer: response.body).contains("not-ready"))
            try lock.release()
            #expect(try await client.execute(uri: "/readyz", method: .get).status == .ok)
        }
        await harness.close()
    }
}
