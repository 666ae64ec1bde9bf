import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SGWCore
import SGWServer
import SGWSources
import SGWStore
import SGWTesting
import Testing

/// The webhook adapter of the shipped configuration (石城), served on loopback by the real server, as a county
/// system would call it.
@Suite struct WebhookEndpointTests {
    static let path = "/hooks/shicheng/approvals"

    /// Runs `body` against a live server of the harness's webhooks.
    func withServer(_ harness: GatewayHarness, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let table = WebhookTable()
        table.replace(with: try harness.parts().webhooks)
        let app = GatewayServer.application(GatewayServer.Routes(store: harness.store, webhooks: table), port: 0)
        try await app.test(.live) { client in try await body(client) }
    }

    static func post(_ client: any TestClientProtocol, _ body: [UInt8], headers: [String: String]) async throws -> (Int, [String: Any]) {
        var fields = HTTPFields()
        for (k, v) in headers { fields[HTTPField.Name(k)!] = v }
        let response = try await client.execute(uri: path, method: .post, headers: fields, body: ByteBuffer(bytes: body))
        let object = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:]
        return (Int(response.status.code), object)
    }

    @Test func aSignedRequestIsStoredBeforeItsAnswerAndARepeatedIdIsAnsweredAsBeforeWithoutStoringAgain() async throws {
        let harness = try GatewayHarness()
        try await withServer(harness) { client in
            let body = GatewayHarness.bytes(GatewayHarness.approval())
            let headers = GatewayHarness.signed(body, id: "msg_1")
            let (status, answer) = try await Self.post(client, body, headers: headers)
            #expect(status == 202)
            #expect(answer["accepted"] as? Int == 1)
            let results = answer["results"] as? [[String: Any]] ?? []
            let ids = (results.first?["messages"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(ids.count == 2, "an approval and its derived 双公示 record")
            // Durable before the answer: the store (another connection) already has both.
            for id in ids { #expect(try harness.store.message(id: id) != nil) }
            let (again, replayed) = try await Self.post(client, body, headers: headers)
            #expect(again == 202)
            #expect(NSDictionary(dictionary: replayed) == NSDictionary(dictionary: answer), "the first answer, again")
            #expect(try harness.count() == 2, "nothing stored twice")
            // The same record under a new id: known, a duplicate.
            let (third, duplicate) = try await Self.post(client, body, headers: GatewayHarness.signed(body, id: "msg_2"))
            #expect(third == 202)
            #expect(duplicate["duplicates"] as? Int == 1)
            #expect(try harness.count() == 2)
        }
        await harness.close()
    }

    @Test func unsignedWronglySignedAndExpiredRequestsAre401AndNeverStored() async throws {
        let harness = try GatewayHarness()
        try await withServer(harness) { client in
            let body = GatewayHarness.bytes(GatewayHarness.approval())
            var wrong = GatewayHarness.signed(body, id: "msg_w")
            wrong["webhook-signature"] = "v1," + Data(repeating: 7, count: 32).base64EncodedString()
            let cases: [(String, [String: String])] = [
                ("unsigned", ["content-type": "application/json"]),
                ("wrongly signed", wrong),
                ("signed for another body", GatewayHarness.signed(body + [0x20], id: "msg_b")),
                ("expired", GatewayHarness.signed(body, id: "msg_e", at: Date().addingTimeInterval(-400))),
                ("from the future", GatewayHarness.signed(body, id: "msg_f", at: Date().addingTimeInterval(400))),
            ]
            for (name, headers) in cases {
                let (status, answer) = try await Self.post(client, body, headers: headers)
                #expect(status == 401, "\(name)")
                #expect(answer["status"] as? String == "error", "\(name)")
            }
            #expect(try harness.count() == 0)
        }
        await harness.close()
    }

    @Test func validRecordsOfARequestAreStoredAndTheInvalidOnesNamedWith422() async throws {
        let harness = try GatewayHarness()
        try await withServer(harness) { client in
            let good = GatewayHarness.approval(["xkwsh": "SH审批〔2026〕501号"])
            var badXdr = good["xdr"] as! [String: Any]
            badXdr["tyshxydm"] = "91360735000000000X"
            let bad = GatewayHarness.approval(["xkwsh": "SH审批〔2026〕502号", "xdr": badXdr])
            let alsoGood = GatewayHarness.approval(["xkwsh": "SH审批〔2026〕503号"])
            let body = GatewayHarness.bytes([good, bad, alsoGood])
            let (status, answer) = try await Self.post(client, body, headers: GatewayHarness.signed(body, id: "msg_mixed"))
            #expect(status == 422)
            #expect(answer["status"] as? String == "partly-rejected")
            #expect(answer["accepted"] as? Int == 2)
            #expect(answer["rejected"] as? Int == 1)
            let results = answer["results"] as? [[String: Any]] ?? []
            #expect(results.map { $0["status"] as? String } == ["accepted", "rejected", "accepted"])
            let errors = results[1]["errors"] as? [[String: Any]] ?? []
            #expect(errors.contains { $0["field"] as? String == "counterparty.uscc" }, "\(errors)")
            #expect(try harness.count(.approval) == 2)
            // The rejected record is kept for an operator, as an import's are.
            let rejects = harness.dir.path + "/data/rejects"
            let files = try FileManager.default.contentsOfDirectory(atPath: rejects)
            #expect(files == ["shicheng-webhook-msg_mixed.rejects.csv"])
            let text = try String(contentsOfFile: rejects + "/" + files[0], encoding: .utf8)
            #expect(text.contains("SH审批〔2026〕502号") && !text.contains("SH审批〔2026〕501号"))
        }
        await harness.close()
    }

    @Test func aBodyTooLargeOfTheWrongTypeOrUnreadableIsRefusedWithItsOwnStatus() async throws {
        let harness = try GatewayHarness(adapters: ["small-webhook.yaml": """
            kind: webhook
            mapping: shicheng-approvals
            format: {type: json}
            webhook:
              path: /hooks/small
              api_key: ${env:SGW_SHICHENG_WEBHOOK_SECRET}
              max_body_bytes: 2000
            """])
        let table = WebhookTable()
        table.replace(with: try harness.parts().webhooks)
        let app = GatewayServer.application(GatewayServer.Routes(store: harness.store, webhooks: table), port: 0)
        try await app.test(.live) { client in
            func post(_ body: [UInt8], _ headers: [String: String]) async throws -> Int {
                var fields = HTTPFields()
                for (k, v) in headers { fields[HTTPField.Name(k)!] = v }
                return Int(try await client.execute(uri: "/hooks/small", method: .post, headers: fields, body: ByteBuffer(bytes: body)).status.code)
            }
            let key = ["X-API-Key": GatewayHarness.secret, "content-type": "application/json"]
            let approval = GatewayHarness.bytes(GatewayHarness.approval())
            let tooLarge = try await post(Array(repeating: 0x20, count: 5000), key)
            let wrongType = try await post(approval, ["X-API-Key": GatewayHarness.secret, "content-type": "text/plain"])
            let unreadable = try await post(Array(#"{"xkwsh": "#.utf8), key)
            let wrongKey = try await post(approval, ["X-API-Key": "wrong", "content-type": "application/json"])
            let good = try await post(approval, key)
            let statuses: [Int] = [tooLarge, wrongType, unreadable, wrongKey, good]
            #expect(statuses == [413, 415, 400, 401, 202])
        }
        #expect(try harness.count(.approval) == 1)
        await harness.close()
    }

    /// A request the store cannot take (another connection holds its write lock) is answered 503 with a
    /// `Retry-After`, and nothing of it is stored; sent again once the store can take it, it is stored.
    @Test func aRequestTheStoreCannotTakeIs503AndStoredWhenSentAgain() async throws {
        let harness = try GatewayHarness()
        let lock = try GatewayServerTests.WriteLock(harness.dir.path + "/data/sgw.sqlite")
        try await withServer(harness) { client in
            let body = GatewayHarness.bytes(GatewayHarness.approval())
            let (status, answer) = try await Self.post(client, body, headers: GatewayHarness.signed(body, id: "msg_busy"))
            #expect(status == 503)
            #expect(answer["code"] as? String == "store-unavailable", "\(answer)")
            try lock.release()
            #expect(try harness.count() == 0)
            let (again, _) = try await Self.post(client, body, headers: GatewayHarness.signed(body, id: "msg_busy"))
            #expect(again == 202)
        }
        #expect(try harness.count(.approval) == 1)
        await harness.close()
    }
}
