import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SGWCore
@testable import SGWSimulator

/// Bodies and requests shared by the simulator's tests.
enum Sample {
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!

    /// An approval message body for the interaction platform.
    static func approval(id: String, department: String = "周村区市场监督管理局") -> [String: Any] {
        ["id": id, "kind": "approval", "key": "ZC-2024-0001", "version": 1, "profile": "zhoucun",
         "contentHash": "sha256:00", "decisionDate": "2024-03-01",
         "message": ["itemName": "食品经营许可", "supervisingDepartment": department]]
    }

    /// A complete licence record for the credit platform, less `without`.
    static func licence(id: String, without: Set<String> = []) -> [String: Any] {
        var items: [String: String] = [:]
        for code in CreditItems.requiredLicence where !without.contains(code) { items[code] = "值" }
        return ["id": id, "kind": "credit.licence", "key": "XK-1", "version": 1, "items": items]
    }

    /// JSON bytes of `object`.
    static func buffer(_ object: Any) -> ByteBuffer {
        ByteBuffer(bytes: try! JSONSerialization.data(withJSONObject: object))
    }

    /// Headers with the JSON content type and the idempotency key.
    static func headers(key: String?) -> HTTPFields {
        var h: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let key { h[idempotencyKey] = key }
        return h
    }

    /// The JSON object of a response body.
    static func object(_ response: TestResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:]
    }

    /// POSTs `body` to `uri` with `key`.
    static func post(_ client: some TestClientProtocol, _ uri: String, _ body: Any, key: String?) async throws
        -> TestResponse
    {
        try await client.execute(uri: uri, method: .post, headers: headers(key: key), body: buffer(body))
    }

    /// A configuration with no randomness in claims unless asked.
    static func configuration(record: String? = nil) -> SimulatorConfiguration {
        var c = SimulatorConfiguration()
        c.port = 0
        c.recordPath = record
        return c
    }

    /// A fresh temporary file path.
    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("sgw-sim-\(UUID().uuidString)-\(name)").path
    }
}
