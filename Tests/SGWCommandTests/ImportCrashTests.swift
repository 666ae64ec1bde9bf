import Foundation
import SGWTesting
import Testing

/// `kill -9` at random moments of an import, then the same command again: every record ends up stored exactly
/// once. The short version runs in CI; `scripts/soak/import-kill` repeats it many times on a larger file.
@Suite struct ImportCrashTests {
    @Test func killedImportsThenARerunStoreEveryRecordOnce() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let rows = Int(ProcessInfo.processInfo.environment["SGW_KILL_ROWS"] ?? "") ?? 6_000
        let kills = Int(ProcessInfo.processInfo.environment["SGW_KILL_ROUNDS"] ?? "") ?? 3
        let csv = dir.path + "/in.csv"
        let gen = Process()
        gen.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gen.arguments = ["python3", Repository.root + "/scripts/bench/gen_zhoucun_csv.py", String(rows), csv]
        try gen.run()
        gen.waitUntilExit()
        #expect(gen.terminationStatus == 0)
        let arguments = ["import", "--config", Repository.root, "--data", dir.path + "/data", "--adapter", "zhoucun-licences", csv]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<kills {
            let p = try SGWProcess.start(arguments)
            usleep(UInt32.random(in: 300_000...2_500_000, using: &rng))  // bounded: at most 2.5 s per round
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
        }
        let final = try SGWProcess.run(arguments)
        #expect(final.status == 0, "\(final.stderr)")
        // One row in 1,000 has an impossible date; every other gives an approval and its derived credit record.
        let expected = 2 * (rows - rows / 1000)
        let list = try SGWProcess.run(["messages", "--data", dir.path + "/data", "--json", "--limit", "1000000"])
        let keys = list.lines.compactMap { line -> String? in
            guard let data = line.data(using: .utf8), let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let envelope = object["envelope"] as? [String: Any] else { return nil }
            guard let kind = envelope["kind"] as? String, let key = envelope["key"] as? String else { return nil }
            return kind + " " + key
        }
        #expect(keys.count == expected)
        #expect(Set(keys).count == expected, "a record was stored twice")
        #expect(final.stdout.contains("rejected \(rows / 1000)"))
    }
}
