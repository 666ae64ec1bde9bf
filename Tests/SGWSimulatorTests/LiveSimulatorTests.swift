import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import SGWSimulator

/// The simulator on a real socket: dropped connections and the HMAC signature.
@Suite struct LiveSimulatorTests {
    @Test func droppedConnectionGivesNoAnswerAndStoresNothing() async throws {
        let record = Sample.temporaryPath("drop.jsonl")
        defer { try? FileManager.default.removeItem(atPath: record) }
        var c = Sample.configuration(record: record)
        c.faults.dropRate = 1
        let app = try Simulator.application(c)
        try await app.test(.live) { client in
            _ = await #expect(throws: (any Error).self) {
                _ = try await Sample.post(client, "/credit/v1/records", Sample.licence(id: "d"), key: "d")
            }
        }
        let line = try String(contentsOfFile: record, encoding: .utf8).split(separator: "\n").first.map(String.init)
        let object = line.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(object?["result"] as? String == "fault:drop")
        #expect(object?["key"] as? String == "d")
    }

    @Test func hmacSignatureIsChecked() async throws {
        var c = Sample.configuration()
        c.authentication.hmacSecret = "k3y"
        let app = try Simulator.application(c)
        try await app.test(.live) { client in
            let body = Sample.buffer(Sample.licence(id: "h"))
            let stamp = String(Int(Date().timeIntervalSince1970))
            let signature = Authenticator.signature(secret: "k3y", timestamp: stamp, path: "/credit/v1/records",
                                                    body: Array(buffer: body))
            var headers = Sample.headers(key: "h")
            headers[HTTPField.Name("X-SGW-Key-Id")!] = "sgw"
            headers[HTTPField.Name("X-SGW-Timestamp")!] = stamp
            headers[HTTPField.Name("X-SGW-Signature")!] = signature
            let ok = try await client.execute(uri: "/credit/v1/records", method: .post, headers: headers, body: body)
            #expect(ok.status == .ok)
            headers[HTTPField.Name("X-SGW-Signature")!] = String(repeating: "0", count: 64)
            let bad = try await client.execute(uri: "/credit/v1/records", method: .post, headers: headers, body: body)
            #expect(bad.status == .unauthorized)
        }
    }
}
