import AsyncHTTPClient
import Foundation
import NIOCore
import SGWCore
import SGWSimulator
import SGWSources
import SGWStore
import SGWTesting
import Testing

/// Polling the simulator's copies of the departments' APIs over loopback.
@Suite(.timeLimit(.minutes(2))) struct HTTPPollerTests {
    func poller(_ harness: GatewayHarness) throws -> HTTPPoller {
        try #require(try harness.parts().pollers.first { $0.adapter == "liaocheng-penalties" })
    }

    @Test func aRunStoresEveryRecordOnceAndTheNextRunAsksFromItsWatermark() async throws {
        try await withSimulator({ $0.sources.recordsAtStart = 45; $0.sources.recordsPerMinute = 0 }) { base in
            let harness = try GatewayHarness(adapters: ["liaocheng-penalties.yaml": try liaochengAdapter(base: base)])
            let first = try await poller(harness).runOnce()
            #expect(first.pages == 3)
            #expect(first.records == 45)
            #expect(try harness.count(.creditPenalty) == 45)
            #expect(first.watermark != nil)
            // The next run asks from the greatest update time: only the records updated at that instant come back,
            // and they are known.
            let second = try await poller(harness).runOnce()
            #expect(second.records < 45)
            #expect(second.stored.accepted == 0)
            #expect(try harness.count(.creditPenalty) == 45)
            await harness.close()
        }
    }

    @Test func aRunInterruptedMidPaginationByFailuresGoesOnWhereItStoppedAndStoresEachRecordOnce() async throws {
        try await withSimulator({
            $0.sources.recordsAtStart = 60
            $0.sources.recordsPerMinute = 0
            $0.sources.faults.errorRate = 0.35
        }) { base in
            let harness = try GatewayHarness(adapters: ["liaocheng-penalties.yaml": try liaochengAdapter(base: base, size: 5)])
            var failures = 0, finished = false
            for _ in 0..<60 where !finished {
                // A new poller each time, as after a restart: where the run stands comes from the store alone.
                do {
                    _ = try await poller(harness).runOnce()
                    finished = true
                } catch {
                    failures += 1
                }
            }
            #expect(finished)
            #expect(failures > 0, "the seeded faults interrupt the run")
            let penalties = try harness.store.messages(MessageFilter(kind: .creditPenalty, allVersions: true), limit: 1000)
            #expect(penalties.count == 60)
            #expect(Set(penalties.map(\.message.envelope.key)).count == 60)
            #expect(penalties.allSatisfy { $0.message.envelope.version == 1 }, "no record stored again as a version")
            await harness.close()
        }
    }

    /// Six pages, each served 300 ms after its token was checked: a token of 1.2 s has expired by the fifth page's
    /// check at the latest, however fast the machine; and a new one outlives the retry by a margin a loaded machine
    /// keeps (with 0.5 s, a stall of a few hundred milliseconds under a full parallel test run let it expire again).
    @Test func aLoginTokenThatExpiresMidRunIsRefreshedAfterA401() async throws {
        try await withSimulator({
            $0.sources.recordsAtStart = 30
            $0.sources.recordsPerMinute = 0
            $0.sources.tokenLifetimeSeconds = 1.2
            $0.sources.faults.latencyMilliseconds = 300
        }) { base in
            // No expires_path: the poller learns of the expiry from the 401 alone.
            let adapter = try liaochengAdapter(base: base, size: 5, expires: false)
            let harness = try GatewayHarness(adapters: ["liaocheng-penalties.yaml": adapter])
            let summary = try await poller(harness).runOnce()
            #expect(summary.records == 30)
            #expect(try harness.count(.creditPenalty) == 30)
            let logins = try await SimulatorClient(base: base).sourceStats()["logins"] as? Int ?? 0
            #expect(logins >= 2, "the token expired and was fetched again")
            await harness.close()
        }
    }

    @Test(arguments: ["error-inside-200", "html"])
    func aSourceAnsweringGarbageIsAnErrorForThePollNeverRecords(_ garbage: String) async throws {
        try await withSimulator({
            $0.sources.recordsAtStart = 10
            if garbage == "html" { $0.sources.faults.malformedRate = 1 } else { $0.sources.errorInsideOKRate = 1 }
        }) { base in
            let harness = try GatewayHarness(adapters: ["liaocheng-penalties.yaml": try liaochengAdapter(base: base)])
            await #expect(throws: HTTPPoller.Failure.self) { try await poller(harness).runOnce() }
            #expect(try harness.count() == 0)
            await harness.close()
        }
    }

    @Test func anXMLAPIIsPolledThroughItsPagesWithTheSameMapping() async throws {
        try await withSimulator({ $0.sources.recordsAtStart = 23; $0.sources.recordsPerMinute = 0; $0.sources.login = nil }) { base in
            let harness = try GatewayHarness(adapters: ["xml-penalties.yaml": """
                kind: http-poll
                mapping: liaocheng-penalties
                format: {type: xml, record_path: response/records/record}
                http:
                  url: \(base)/sources/xml/penalties
                  pagination: {page_param: page, size_param: size, size: "10", total_path: response/total}
                  watermark: {param: since, field: gxsj}
                  success: {path: response/code, value: "0"}
                """])
            let xml = try #require(try harness.parts().pollers.first { $0.adapter == "xml-penalties" })
            let summary = try await xml.runOnce()
            #expect(summary.pages == 3)
            #expect(try harness.count(.creditPenalty) == 23)
            await harness.close()
        }
    }

    @Test func cronSchedulesAndBackoff() throws {
        let every15 = try #require(CronSchedule("*/15 * * * *"))
        let at = ShanghaiTime.parseInstant("2026-12-07T10:07:00+08:00")!
        #expect(every15.next(after: at).map(ShanghaiTime.format) == "2026-12-07T10:15:00+08:00")
        let weekdays2am = try #require(CronSchedule("0 2 * * 1-5"))
        // 2026-12-12 is a Saturday: the next is Monday the 14th.
        #expect(weekdays2am.next(after: ShanghaiTime.parseInstant("2026-12-11T03:00:00+08:00")!).map(ShanghaiTime.format)
                == "2026-12-14T02:00:00+08:00")
        #expect(CronSchedule("61 * * * *") == nil)
        #expect(CronSchedule("* * *") == nil)
        #expect(PollService.backoff(failures: 1, max: 600, retryAfter: nil, jitter: 1) == 2)
        #expect(PollService.backoff(failures: 20, max: 600, retryAfter: nil, jitter: 0.5) == 300)
        #expect(PollService.backoff(failures: 1, max: 600, retryAfter: 30, jitter: 1) == 30)
    }
}
