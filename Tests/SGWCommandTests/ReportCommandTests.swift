import Foundation
import SGWStore
import SGWTesting
import Testing

/// `sgw report` and `sgw status --period` on the same store: the report's totals agree with the period's figures the
/// status counts in SQL; the report is in the audit log.
struct ReportCommandTests {
    @Test func theReportsTotalsAgreeWithStatusForThePeriod() throws {
        let t = try TemporaryStore(dataFolder: "data")
        defer { t.remove() }
        _ = try ReportScenario(store: t.store)
        let asOf = ["--as-of", "2026-11-27T09:00:00+08:00", "--data", t.dataPath]
        let file = t.dir.path + "/r.xlsx"
        let report = try SGWProcess.run(["report", "--period", "2026-11", "--format", "xlsx", "--output", file, "--by", "tester"] + asOf)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(FileManager.default.fileExists(atPath: file))
        // `信息推送: 应推送 6, 已推送 5, …` → ["信息推送": ["应推送": 6, …]]
        var totals: [String: [String: Int]] = [:]
        for line in report.lines {
            guard let colon = line.range(of: ": ") else { continue }
            for part in line[colon.upperBound...].components(separatedBy: ", ") {
                guard let space = part.lastIndex(of: " "), let n = Int(part[part.index(after: space)...]) else { continue }
                totals[String(line[..<colon.lowerBound]), default: [:]][String(part[..<space])] = n
            }
        }
        let status = try SGWProcess.run(["status", "--period", "2026-11", "--json"] + asOf)
        #expect(status.status == 0, "\(status.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        let deliveries = try #require(json["deliveries"] as? [String: [String: Int]])
        let deadlines = try #require(json["deadlines"] as? [String: [String: Int]])
        #expect(json["messages"] as? Int == 8)
        let push = ["approval.push", "supervision.push", "supervision.change-request"]
        func sum(_ duties: [String], _ key: String) -> Int { duties.reduce(0) { $0 + (deliveries[$1]?[key] ?? 0) } }
        #expect(totals["信息推送"]?["应推送"] == sum(push, "total"))
        #expect(totals["信息推送"]?["按时推送"] == sum(push, "onTime"))
        #expect(totals["信息推送"]?["逾期推送"] == sum(push, "late"))
        #expect(totals["信息推送"]?["死信"] == sum(push, "deadLetters"))
        let claims = ["approval.claim", "supervision.claim"]
        func state(_ s: String) -> Int { claims.reduce(0) { $0 + (deadlines[$1]?[s] ?? 0) } }
        #expect(totals["信息认领"]?["按期认领"] == state("claimed"))
        #expect(totals["信息认领"]?["视为自动认领"] == state("auto-claimed"))
        #expect(totals["信息认领"]?["逾期未认领"] == state("overdue"))
        #expect(totals["信息认领"]?["认领期内"] == state("open"))
        #expect(totals["信息认领"]?["提出异议"] == (deadlines["approval.feedback"]?["disputed"] ?? 0))
        #expect(totals["信用信息报送"]?["暂缓（记录不完整）"] == sum(["credit.publish"], "held"))
        #expect(totals["信用信息报送"]?["逾期报送"] == sum(["credit.publish"], "late"))
        #expect(totals["信息认领"]?["视为自动认领"] == 2 && totals["信息推送"]?["应推送"] == 6)
        // Generating it is logged.
        let log = try t.store.auditLog(before: nil, limit: 10)
        #expect(log.contains { $0.action == .reportGenerated && $0.actor == "cli:tester" && $0.target == "2026-11" })
    }

    @Test func aProfileWithoutAFixedPeriodNeedsOne() throws {
        let t = try TemporaryStore(dataFolder: "data")
        defer { t.remove() }
        let r = try SGWProcess.run(["report", "--profile", "qufu", "--format", "csv", "--output", t.dir.path + "/q.csv", "--data", t.dataPath])
        #expect(r.status == 64 && r.stderr.contains("sets no fixed report period"), "\(r.stderr)")
        let bad = try SGWProcess.run(["report", "--period", "2026-13", "--data", t.dataPath])
        #expect(bad.status == 64 && bad.stderr.contains("is not a period"))
    }
}
