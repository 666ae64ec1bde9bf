import Foundation
import SGWTesting
import Testing

/// The gateway and the platform simulator as two processes over loopback, with faults: in every case each accepted
/// message reaches each of its destinations, the simulator accepted each idempotency key once, and nothing the
/// gateway reports delivered is missing there. Short versions for CI; `scripts/soak/deliver` runs long ones.
@Suite(.serialized) struct DeliveryLoopbackTests {
    /// A store with `rows` generated 周村 licences (each an approval and its credit record) and destination files
    /// pointing at `simulator` with short retry and lease times.
    struct Setup {
        let dir: TemporaryDirectory
        let data: String
        let config: String
        let messageIDs: [String: String]  // id -> kind

        init(rows: Int, leaseSeconds: Int = 2, pollClaims: Bool = true) throws {
            dir = try TemporaryDirectory()
            data = dir.path + "/data"
            config = dir.path + "/config"
            let csv = dir.path + "/in.csv"
            let gen = Process()
            gen.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            gen.arguments = ["python3", Repository.root + "/scripts/bench/gen_zhoucun_csv.py", String(rows), csv]
            try gen.run()
            gen.waitUntilExit()
            let imported = try SGWProcess.run(["import", "--config", Repository.root, "--data", data, "--adapter", "zhoucun-licences", csv])
            guard imported.status == 0 else { throw SimulatorProcess.SimulatorError(message: imported.stderr) }
            try FileManager.default.createDirectory(atPath: config + "/destinations", withIntermediateDirectories: true)
            for (name, path) in [("interaction", "/interaction/v1/messages"), ("credit", "/credit/v1/records")] {
                let claims = name == "interaction" && pollClaims ? "claims:\n  poll: http://127.0.0.1:1/interaction/v1/claims\n  interval_seconds: 1\n" : ""
                try """
                    platform: \(name)
                    http:
                      url: http://127.0.0.1:1\(path)
                      concurrency: 8
                      timeout_seconds: 2
                    \(claims)retry:
                      base_seconds: 0.05
                      max_seconds: 0.5
                      lease_seconds: \(leaseSeconds)
                    """.write(toFile: "\(config)/destinations/\(name).yaml", atomically: true, encoding: .utf8)
            }
            let list = try SGWProcess.run(["messages", "--data", data, "--json", "--limit", "1000000"])
            var ids: [String: String] = [:]
            for line in list.lines {
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                      let envelope = object["envelope"] as? [String: Any],
                      let id = envelope["id"] as? String, let kind = envelope["kind"] as? String else { continue }
                ids[id] = kind
            }
            messageIDs = ids
        }

        func deliver(_ simulator: SimulatorProcess, extra: [String] = []) throws -> SGWProcess.Result {
            try SGWProcess.run(["deliver", "--config", config, "--data", data, "--platform-url", simulator.baseURL,
                                "--until-idle", "--max-wait", "600s"] + extra)
        }

        func status() throws -> [String: Any] {
            let r = try SGWProcess.run(["status", "--data", data, "--json"])
            return (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]) ?? [:]
        }

        /// Every message reached its platform once, and the gateway's "delivered" matches the simulator's record.
        func expectEverythingDeliveredOnce(_ simulator: SimulatorProcess, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let records = simulator.records()
            var accepted: [String: Int] = [:]
            // A lost answer (`fault:malformed`) was processed: the record says so in `processed`.
            for r in records where r["result"] as? String == "accepted" || r["processed"] as? String == "accepted" {
                if let key = r["key"] as? String { accepted[key, default: 0] += 1 }
            }
            let expected = Set(messageIDs.keys)
            #expect(!expected.isEmpty, sourceLocation: sourceLocation)
            let missing = expected.subtracting(accepted.keys), unknown = Set(accepted.keys).subtracting(expected)
            #expect(missing.isEmpty && unknown.isEmpty, "\(missing.count) never accepted, \(unknown.count) unknown keys accepted",
                    sourceLocation: sourceLocation)
            #expect(accepted.values.allSatisfy { $0 == 1 }, "an idempotency key was accepted twice", sourceLocation: sourceLocation)
            let status = try status()
            let queues = status["queues"] as? [[String: Any]] ?? []
            let delivered = queues.reduce(0) { $0 + ($1["delivered"] as? Int ?? 0) }
            let pending = queues.reduce(0) { $0 + ($1["pending"] as? Int ?? 0) + ($1["leased"] as? Int ?? 0) + ($1["deadLetters"] as? Int ?? 0) }
            #expect(delivered == expected.count, sourceLocation: sourceLocation)
            #expect(pending == 0, sourceLocation: sourceLocation)
        }
    }

    /// Rows of the generated file (two messages each); `SGW_DELIVER_ROWS` raises it for the soak script.
    static func rows(_ short: Int) -> Int { Int(ProcessInfo.processInfo.environment["SGW_DELIVER_ROWS"] ?? "") ?? short }

    static let faults: [(String, [String])] = [
        ("no faults", []),
        ("30% errors", ["--error-rate", "0.3"]),
        ("429 storm", ["--throttle-rate", "0.6", "--retry-after", "1"]),
        ("dropped connections", ["--drop-rate", "0.2"]),
        ("lost answers", ["--malformed-rate", "0.2"]),
        ("down for 2 s", ["--down-after", "0.2", "--down-for", "2"]),
    ]

    @Test(arguments: 0..<faults.count)
    func everyMessageArrivesOnceDespiteFaults(_ index: Int) throws {
        let (name, options) = Self.faults[index]
        let setup = try Setup(rows: Self.rows(150))
        defer { setup.dir.remove() }
        let simulator = try SimulatorProcess(record: setup.dir.path + "/sim.jsonl", options: ["--seed", "7", "--latency-ms", "2"] + options)
        defer { simulator.stop() }
        let run = try setup.deliver(simulator)
        #expect(run.status == 0, "\(name): \(run.stderr)")
        try setup.expectEverythingDeliveredOnce(simulator)
    }

    @Test func gatewayKilledWhileDeliveringLosesAndDoublesNothing() throws {
        let setup = try Setup(rows: Self.rows(400), leaseSeconds: 1)
        defer { setup.dir.remove() }
        let simulator = try SimulatorProcess(record: setup.dir.path + "/sim.jsonl", options: ["--seed", "3", "--latency-ms", "15"])
        defer { simulator.stop() }
        let arguments = ["deliver", "--config", setup.config, "--data", setup.data, "--platform-url", simulator.baseURL,
                         "--until-idle", "--max-wait", "600s"]
        let kills = Int(ProcessInfo.processInfo.environment["SGW_DELIVER_KILLS"] ?? "") ?? 3
        for _ in 0..<kills {
            let p = try SGWProcess.start(arguments)
            usleep(UInt32.random(in: 200_000...900_000))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
        }
        let final = try SGWProcess.run(arguments)
        #expect(final.status == 0, "\(final.stderr)")
        try setup.expectEverythingDeliveredOnce(simulator)
    }

    @Test func claimsComeBackAndUnclaimedMessagesAreAutoClaimedAtTheirDeadline() throws {
        let setup = try Setup(rows: 40)
        defer { setup.dir.remove() }
        let simulator = try SimulatorProcess(record: setup.dir.path + "/sim.jsonl",
                                             options: ["--seed", "5", "--never-claim-share", "0.3", "--max-claim-days", "0"])
        defer { simulator.stop() }
        let first = try setup.deliver(simulator)
        #expect(first.status == 0, "\(first.stderr)")
        var claims = try setup.status()["claims"] as? [String: Int] ?? [:]
        let approvals = setup.messageIDs.values.filter { $0 == "approval" }.count
        #expect((claims["claimed"] ?? 0) > 0)
        #expect((claims["claimed"] ?? 0) + (claims["open"] ?? 0) == approvals)
        // Thirty days later: every claim deadline (1 working day in 周村, even across a 春节 or 国庆 week) has passed;
        // the rest are auto-claimed.
        let later = ISO8601DateFormatter().string(from: Date().addingTimeInterval(30 * 86400))
        let drill = try setup.deliver(simulator, extra: ["--as-of", later])
        #expect(drill.status == 0, "\(drill.stderr)")
        claims = try setup.status()["claims"] as? [String: Int] ?? [:]
        #expect(claims["open"] == 0)
        #expect((claims["autoClaimed"] ?? 0) > 0)
        #expect((claims["claimed"] ?? 0) + (claims["autoClaimed"] ?? 0) == approvals)
        #expect(drill.stdout.contains("auto-claimed"))
    }

    @Test func aPlatformThatCallsBackHasItsClaimsRecorded() throws {
        let setup = try Setup(rows: 20, pollClaims: false)
        defer { setup.dir.remove() }
        // sgw serve receives the callbacks; the simulator posts claims to it as they happen.
        let serve = try ListeningProcess(["serve", "--port", "0", "--no-deliver", "--data", setup.data, "--config", setup.config,
                                          "--callback-token", "s3cret"])
        defer { serve.stop() }
        let simulator = try SimulatorProcess(record: setup.dir.path + "/sim.jsonl",
                                             options: ["--seed", "9", "--max-claim-days", "0", "--never-claim-share", "0",
                                                       "--callback", serve.baseURL + "/v1/claims/interaction", "--callback-token", "s3cret"])
        defer { simulator.stop() }
        #expect(try setup.deliver(simulator).status == 0)
        let approvals = setup.messageIDs.values.filter { $0 == "approval" }.count
        var claimed = 0
        // At most 30 s (a loaded CI machine): the simulator pushes every quarter second, so this usually takes one.
        for _ in 0..<150 where claimed < approvals {
            usleep(200_000)
            claimed = (try setup.status()["claims"] as? [String: Int])?["claimed"] ?? 0
        }
        #expect(claimed == approvals)
    }

    @Test func aRejectedBodyBecomesADeadLetterThatCanBeReplayed() throws {
        let setup = try Setup(rows: 5)
        defer { setup.dir.remove() }
        // A destination that sends credit records to the interaction endpoint: the platform rejects the kind.
        let file = setup.config + "/destinations/credit.yaml"
        let text = try String(contentsOfFile: file, encoding: .utf8).replacingOccurrences(of: "/credit/v1/records", with: "/interaction/v1/messages")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let simulator = try SimulatorProcess(record: setup.dir.path + "/sim.jsonl")
        defer { simulator.stop() }
        #expect(try setup.deliver(simulator).status == 0)
        let list = try SGWProcess.run(["deadletters", "list", "--data", setup.data])
        #expect(list.lines.count == 5, "\(list.stdout)")
        #expect(list.lines.allSatisfy { $0.contains("\trejected-body\t") }, "\(list.stdout)")
        let id = String(list.lines.first?.split(separator: "\t").first ?? "")
        let show = try SGWProcess.run(["deadletters", "show", id, "--data", setup.data])
        #expect(show.stdout.contains("request:") && show.stdout.contains("rejected"), "\(show.stdout)")
        // The operator fixes the destination and replays.
        try text.replacingOccurrences(of: "/interaction/v1/messages", with: "/credit/v1/records").write(toFile: file, atomically: true, encoding: .utf8)
        let replay = try SGWProcess.run(["deadletters", "replay", "--all", "--data", setup.data, "--by", "test"])
        #expect(replay.stdout.contains("replayed 5"))
        #expect(try setup.deliver(simulator).status == 0)
        try setup.expectEverythingDeliveredOnce(simulator)
    }
}
