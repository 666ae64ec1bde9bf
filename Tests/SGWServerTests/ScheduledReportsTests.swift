import Foundation
import Logging
import SGWCore
import SGWServer
import SGWStore
import SGWTesting
import Testing

/// The scheduled reports: each profile with a fixed period gets its last complete period's report, once.
struct ScheduledReportsTests {
    @Test func aClosedPeriodsReportsAreWrittenOnce() throws {
        let t = try TemporaryStore()
        defer { t.remove() }
        _ = try ReportScenario(store: t.store)
        let folder = t.dir.path + "/reports"
        let service = ScheduledReports(store: t.store, profiles: try ProfileCatalog.load(), folder: folder, formats: ["xlsx", "html"],
                                       interval: 3600, logger: Logger(label: "test"))
        let december = try #require(ShanghaiTime.parseInstant("2026-12-07T10:00:00+08:00"))
        let written = try service.writeDue(now: december)
        // 周村 monthly (art. 7), 聊城 quarterly (art. 23); 曲阜 「定期」 and the profiles without a report: none.
        #expect(written.map { ($0 as NSString).lastPathComponent }.sorted() == [
            "sgw-report-2026-11-zhoucun.html", "sgw-report-2026-11-zhoucun.xlsx",
            "sgw-report-2026-Q3-liaocheng.html", "sgw-report-2026-Q3-liaocheng.xlsx"])
        let html = try String(contentsOfFile: folder + "/zhoucun/sgw-report-2026-11-zhoucun.html", encoding: .utf8)
        #expect(html.contains("视为自动认领"))
        // Again, or after a restart: nothing new.
        #expect(try service.writeDue(now: december.addingTimeInterval(3600)).isEmpty)
        #expect(try t.store.auditLog(before: nil, limit: 20).filter { $0.action == .reportGenerated }.count == 4)
        // When December closes, its report follows.
        let january = try #require(ShanghaiTime.parseInstant("2027-01-01T00:00:00+08:00"))
        #expect(try service.writeDue(now: january).map { ($0 as NSString).lastPathComponent }.sorted() == [
            "sgw-report-2026-12-zhoucun.html", "sgw-report-2026-12-zhoucun.xlsx",
            "sgw-report-2026-Q4-liaocheng.html", "sgw-report-2026-Q4-liaocheng.xlsx"])
    }

    @Test func theGatewayFileTurnsThemOn() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("a/gateway.yaml", "reports:\n  folder: /srv/reports\n  formats: [xlsx]\n  check: 10m\n")
        let (c, problems) = GatewayConfiguration.load(folder: dir.path + "/a")
        #expect(problems.isEmpty)
        #expect(c.reports?.folder == "/srv/reports" && c.reports?.formats == ["xlsx"] && c.reports?.checkSeconds == 600)
        try dir.write("b/gateway.yaml", "reports: {formats: [pdf]}\n")
        #expect(GatewayConfiguration.load(folder: dir.path + "/b").1.count == 1)
        try dir.write("c/gateway.yaml", "log_level: info\n")
        #expect(GatewayConfiguration.load(folder: dir.path + "/c").0.reports == nil, "off unless configured")
        try dir.write("d/gateway.yaml", "reports: {}\n")
        #expect(GatewayConfiguration.load(folder: dir.path + "/d").0.reports?.folder == "reports")
    }
}
