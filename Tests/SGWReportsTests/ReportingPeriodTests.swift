import Foundation
import SGWCore
import SGWReports
import Testing

/// Periods: what parses, the instants they cover in Shanghai, and each profile's default.
struct ReportingPeriodTests {
    @Test(arguments: [
        ("2026-11", "2026-11-01T00:00:00+08:00", "2026-12-01T00:00:00+08:00", "2026-11"),
        ("2026-12", "2026-12-01T00:00:00+08:00", "2027-01-01T00:00:00+08:00", "2026-12"),
        ("2024-02", "2024-02-01T00:00:00+08:00", "2024-03-01T00:00:00+08:00", "2024-02"),
        ("2026-Q4", "2026-10-01T00:00:00+08:00", "2027-01-01T00:00:00+08:00", "2026-Q4"),
        ("2026-q1", "2026-01-01T00:00:00+08:00", "2026-04-01T00:00:00+08:00", "2026-Q1"),
        ("2026-11-01..2026-11-15", "2026-11-01T00:00:00+08:00", "2026-11-16T00:00:00+08:00", "2026-11-01..2026-11-15"),
        ("2026-11-03..2026-11-03", "2026-11-03T00:00:00+08:00", "2026-11-04T00:00:00+08:00", "2026-11-03..2026-11-03"),
        ("2024-01-01..2024-12-31", "2024-01-01T00:00:00+08:00", "2025-01-01T00:00:00+08:00", "2024-01-01..2024-12-31"),
    ])
    func parses(text: String, from: String, until: String, description: String) throws {
        let p = try #require(ReportingPeriod(text))
        #expect(p.from == ShanghaiTime.parseInstant(from))
        #expect(p.until == ShanghaiTime.parseInstant(until))
        #expect(p.description == description)
        #expect(ReportingPeriod(p.description) == p, "its description parses back")
    }

    @Test(arguments: ["2026-13", "2026-00", "2026-Q5", "2026-Q0", "26-11", "2026-1", "2026", "2026-11-15..2026-11-01",
                      "2026-11-01..", "..2026-11-01", "november", "", "2026-11-31..2026-12-01",
                      "2024-01-01..2025-01-01", "1900-01-01..9999-12-31"])
    func refuses(text: String) {
        #expect(ReportingPeriod(text) == nil)
    }

    @Test func theDaysOfAPeriodAndTheNextOne() throws {
        let nov = try #require(ReportingPeriod("2026-11"))
        #expect(nov.days.count == 30 && nov.days.first?.description == "2026-11-01" && nov.days.last?.description == "2026-11-30")
        #expect(nov.next.description == "2026-12" && nov.next.next.description == "2027-01")
        let q4 = try #require(ReportingPeriod("2026-Q4")), range = try #require(ReportingPeriod("2026-11-01..2026-11-10"))
        #expect(q4.next.description == "2027-Q1")
        #expect(range.next.description == "2026-11-11..2026-11-20")
    }

    /// 周村 art. 7 monthly, 聊城 art. 23 quarterly, 曲阜 art. 19 「定期」 none; the last complete period before a time.
    @Test func eachProfileDefaultsToItsLastCompletePeriod() throws {
        let profiles = try ProfileCatalog.load()
        let now = try #require(ShanghaiTime.parseInstant("2026-12-07T10:00:00+08:00"))
        #expect(ReportingPeriod.frequency(of: try profiles.profile("zhoucun")) == .monthly)
        #expect(ReportingPeriod.frequency(of: try profiles.profile("liaocheng")) == .quarterly)
        #expect(ReportingPeriod.frequency(of: try profiles.profile("qufu")) == .regular)
        #expect(ReportingPeriod.frequency(of: try profiles.profile("shicheng")) == nil)
        #expect(try ReportingPeriod.resolve(nil, profile: profiles.profile("zhoucun"), profiles: profiles.sorted, now: now).description == "2026-11")
        #expect(try ReportingPeriod.resolve(nil, profile: profiles.profile("liaocheng"), profiles: profiles.sorted, now: now).description == "2026-Q3")
        #expect(try ReportingPeriod.resolve(nil, profile: nil, profiles: profiles.sorted, now: now).description == "2026-11")
        #expect(throws: ReportPeriodError.self) { try ReportingPeriod.resolve(nil, profile: profiles.profile("qufu"), profiles: profiles.sorted, now: now) }
        #expect(throws: ReportPeriodError.self) { try ReportingPeriod.resolve("2026-13", profile: nil, profiles: profiles.sorted, now: now) }
        // Midnight in Shanghai on the first of a month is in that month: November is complete from then on.
        let first = try #require(ShanghaiTime.parseInstant("2026-12-01T00:00:00+08:00"))
        #expect(ReportingPeriod.lastComplete(.monthly, before: first)?.description == "2026-11")
        #expect(ReportingPeriod.lastComplete(.monthly, before: first.addingTimeInterval(-1))?.description == "2026-10")
        let newYear = try #require(ShanghaiTime.parseInstant("2027-01-01T00:00:00+08:00"))
        #expect(ReportingPeriod.lastComplete(.quarterly, before: newYear)?.description == "2026-Q4")
    }
}
