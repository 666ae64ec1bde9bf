import AsyncHTTPClient
import Foundation
import NIOCore
import SGWSources
import SGWTesting
import SGWStore
import Testing

/// `sgw serve` as an operator runs it: a process of its own on loopback, killed, stopped and reloaded by signals.
@Suite(.serialized, .timeLimit(.minutes(3))) struct ServeTests {
    static let secret = "whsec_" + Data("a-webhook-secret-for-serve-tests".utf8).base64EncodedString()
    static let environment = ["SGW_SHICHENG_WEBHOOK_SECRET": secret, "SGW_LIAOCHENG_PASSWORD": "sgw-demo"]

    /// An approval of the county system with its own decision number.
    static func approval(_ n: Int) -> [String: Any] {
        let data = FileManager.default.contents(atPath: Repository.root + "/examples/inbox/shicheng-webhook-approval.json")!
        var object = try! JSONSerialization.jsonObject(with: data) as! [String: Any]
        object["xkwsh"] = "SH审批〔2026〕\(n)号"
        return object
    }

    /// Posts `records` signed to the 石城 webhook of `base`; the status and the ids the answer gives.
    static func post(_ http: HTTPClient, _ base: String, _ records: [[String: Any]], id: String) async throws -> (Int, [String]) {
        let body = Array(try JSONSerialization.data(withJSONObject: records.count == 1 ? records[0] as Any : records as Any))
        let timestamp = Int(Date().timeIntervalSince1970)
        var request = HTTPClientRequest(url: base + "/hooks/shicheng/approvals")
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.headers.add(name: "webhook-id", value: id)
        request.headers.add(name: "webhook-timestamp", value: String(timestamp))
        request.headers.add(name: "webhook-signature", value: WebhookSignature(secret: secret)!.sign(id: id, timestamp: timestamp, body: body))
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await http.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 1 << 24)
        let answer = (try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView))) as? [String: Any]
        let results = answer?["results"] as? [[String: Any]] ?? []
        var ids: [String] = []
        for r in results {
            for m in r["messages"] as? [[String: Any]] ?? [] { if let id = m["id"] as? String { ids.append(id) } }
        }
        return (Int(response.status.code), ids)
    }

    /// Every stored message's id and `kind key`.
    static func stored(_ data: String) throws -> [(id: String, identity: String)] {
        let list = try SGWProcess.run(["messages", "--data", data, "--json", "--limit", "1000000"])
        return list.lines.compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let envelope = object["envelope"] as? [String: Any], let id = envelope["id"] as? String,
                  let kind = envelope["kind"] as? String, let key = envelope["key"] as? String else { return nil }
            return (id, kind + " " + key)
        }
    }

    func serve(_ dir: TemporaryDirectory, config: ConfigurationCopy, stderr: String? = nil) throws -> ListeningProcess {
        try ListeningProcess(["serve", "--config", config.path, "--data", dir.path + "/data", "--port", "0", "--no-deliver"],
                             environment: Self.environment, stderr: stderr)
    }

    @Test func killedRightAfterA202TheServiceHasLostNothing() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let config = try ConfigurationCopy(in: dir.path, without: ["liaocheng-penalties.yaml"])
        let server = try serve(dir, config: config)
        let http = HTTPClient.shared
        var answered: [String] = []
        for n in 1...20 {
            let (status, ids) = try await Self.post(http, server.baseURL, [Self.approval(n)], id: "msg_kill_\(n)")
            #expect(status == 202)
            answered += ids
        }
        // The metrics count what happened, in Prometheus' text format.
        let metrics = try await http.execute(HTTPClientRequest(url: server.baseURL + "/metrics"), timeout: .seconds(10))
        let text = String(buffer: try await metrics.body.collect(upTo: 1 << 20))
        #expect(text.contains(#"sgw_webhook_requests_total{adapter="shicheng-webhook",status="202"} 20"#), "\(text)")
        #expect(text.contains(#"sgw_records_total{adapter="shicheng-webhook",outcome="accepted"} 20"#), "records, not messages")
        kill(server.process.processIdentifier, SIGKILL)
        server.process.waitUntilExit()
        let stored = Set(try Self.stored(dir.path + "/data").map(\.id))
        #expect(answered.count == 40, "20 approvals and their 双公示 records")
        #expect(Set(answered).isSubset(of: stored), "every message a 202 named is in the store")
    }

    @Test func sigtermDuringARequestAnswersItStoresItAndExitsZero() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let config = try ConfigurationCopy(in: dir.path, without: ["liaocheng-penalties.yaml"])
        let server = try serve(dir, config: config)
        let body = Array(try JSONSerialization.data(withJSONObject: (1...200).map(Self.approval)))
        let timestamp = Int(Date().timeIntervalSince1970)
        var request = HTTPClientRequest(url: server.baseURL + "/hooks/shicheng/approvals")
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.headers.add(name: "webhook-id", value: "msg_term")
        request.headers.add(name: "webhook-timestamp", value: String(timestamp))
        request.headers.add(name: "webhook-signature", value: WebhookSignature(secret: Self.secret)!.sign(id: "msg_term", timestamp: timestamp, body: body))
        // The body in two parts, SIGTERM between them: the request is surely in flight when the signal comes.
        let (parts, continuation) = AsyncStream.makeStream(of: ByteBuffer.self)
        request.body = .stream(parts, length: .known(Int64(body.count)))
        continuation.yield(ByteBuffer(bytes: body[..<(body.count / 2)]))
        let answer = Task { try await HTTPClient.shared.execute(request, timeout: .seconds(30)) }
        try await Task.sleep(for: .milliseconds(300))
        kill(server.process.processIdentifier, SIGTERM)
        try await Task.sleep(for: .milliseconds(300))
        continuation.yield(ByteBuffer(bytes: body[(body.count / 2)...]))
        continuation.finish()
        let response = try await answer.value
        let text = String(buffer: try await response.body.collect(upTo: 1 << 24))
        server.process.waitUntilExit()
        #expect(response.status.code == 202, "\(text.prefix(300))")
        #expect(server.process.terminationStatus == 0)
        #expect(try Self.stored(dir.path + "/data").count == 400)
    }

    @Test func sighupWithABrokenMappingKeepsTheOldConfigurationAndAFixedOneTakesOver() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let config = try ConfigurationCopy(in: dir.path, without: ["liaocheng-penalties.yaml"])
        let log = dir.path + "/serve.log"
        let server = try serve(dir, config: config, stderr: log)
        defer { server.stop() }
        let http = HTTPClient.shared
        let mapping = config.path + "/mappings/shicheng-approvals.yaml"
        let original = try String(contentsOfFile: mapping, encoding: .utf8)
        try (original + "\nmessages: [\n").write(toFile: mapping, atomically: true, encoding: .utf8)
        kill(server.process.processIdentifier, SIGHUP)
        for _ in 0..<50 where !(try String(contentsOfFile: log, encoding: .utf8)).contains("reload refused") {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(try String(contentsOfFile: log, encoding: .utf8).contains("reload refused: \(mapping):"), "FILE:LINE: message")
        let (status, _) = try await Self.post(http, server.baseURL, [Self.approval(1)], id: "msg_after_broken")
        #expect(status == 202, "the old mapping still serves")
        // Fixed, and a second webhook adapter added: both serve after the next SIGHUP.
        try original.write(toFile: mapping, atomically: true, encoding: .utf8)
        let adapter = try String(contentsOfFile: config.path + "/adapters/shicheng-webhook.yaml", encoding: .utf8)
            .replacingOccurrences(of: "/hooks/shicheng/approvals", with: "/hooks/second")
        try adapter.write(toFile: config.path + "/adapters/second-webhook.yaml", atomically: true, encoding: .utf8)
        kill(server.process.processIdentifier, SIGHUP)
        for _ in 0..<50 where !(try String(contentsOfFile: log, encoding: .utf8)).contains("reloaded: 2 webhooks") {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(try String(contentsOfFile: log, encoding: .utf8).contains("reloaded: 2 webhooks"))
        var request = HTTPClientRequest(url: server.baseURL + "/hooks/second")
        request.method = .POST
        let unsigned = try await http.execute(request, timeout: .seconds(10))
        #expect(unsigned.status.code == 401, "the new path is served (and wants a signature)")
        // Both reloads, the refused one and the one that took over, are in the audit log.
        let reloads = try SQLiteStore(dataFolder: dir.path + "/data").auditLog(before: nil, limit: 10).filter { $0.action == .configurationReload }
        #expect(reloads.map(\.actor) == ["signal:SIGHUP", "signal:SIGHUP"])
        #expect(reloads.first?.detail.contains("reloaded: 2 webhooks") == true && reloads.last?.detail.contains("refused") == true)
    }

    @Test func aPollerKilledMidPaginationEndsWithEverySourceRecordStoredOnce() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let simulator = try ListeningProcess(["simulate", "--port", "0", "--source-records", "60", "--source-per-minute", "0",
                                              "--source-latency-ms", "120", "--seed", "3"])
        defer { simulator.stop() }
        let adapter = try String(contentsOfFile: Repository.root + "/adapters/liaocheng-penalties.yaml", encoding: .utf8)
            .replacingOccurrences(of: "http://127.0.0.1:8900", with: simulator.baseURL)
            .replacingOccurrences(of: "size: \"20\"", with: "size: \"3\"")
        let config = try ConfigurationCopy(in: dir.path, adapters: ["liaocheng-penalties.yaml": adapter])
        // Twenty pages of 120 ms or more: each kill lands mid-pagination.
        for wait in [700, 1300] {
            let server = try serve(dir, config: config)
            try await Task.sleep(for: .milliseconds(wait))
            kill(server.process.processIdentifier, SIGKILL)
            server.process.waitUntilExit()
        }
        let partial = try Self.stored(dir.path + "/data").filter { $0.identity.hasPrefix("credit.penalty") }.count
        #expect(partial < 60, "the kills came before the run's end")
        let server = try serve(dir, config: config)
        defer { server.stop() }
        var penalties: [String] = []
        for _ in 0..<60 {
            penalties = try Self.stored(dir.path + "/data").map(\.identity).filter { $0.hasPrefix("credit.penalty") }
            if penalties.count >= 60 { break }
            try await Task.sleep(for: .milliseconds(500))
        }
        #expect(penalties.count == 60)
        #expect(Set(penalties).count == 60, "no record stored twice")
    }
}
