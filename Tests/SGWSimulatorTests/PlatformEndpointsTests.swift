import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SGWCore
import Testing
@testable import SGWSimulator

/// The platform endpoints through the router: idempotency, validation, the claims feed, faults and the record.
@Suite struct PlatformEndpointsTests {
    @Test func acceptsThenAnswersDuplicateByKey() async throws {
        let app = try Simulator.application(Sample.configuration())
        try await app.test(.router) { client in
            let id = "0193a6c2-0000-7000-8000-000000000001"
            let first = try await Sample.post(client, "/interaction/v1/messages", Sample.approval(id: id), key: id)
            #expect(first.status == .ok)
            #expect(Sample.object(first)["status"] as? String == "accepted")
            #expect(Sample.object(first)["receipt"] as? String == "IP-000001")
            let again = try await Sample.post(client, "/interaction/v1/messages", Sample.approval(id: id), key: id)
            #expect(Sample.object(again)["status"] as? String == "duplicate")
            #expect(Sample.object(again)["receipt"] as? String == "IP-000001")
            let other = "0193a6c2-0000-7000-8000-000000000002"
            let second = try await Sample.post(client, "/interaction/v1/messages", Sample.approval(id: other), key: other)
            #expect(Sample.object(second)["receipt"] as? String == "IP-000002")
        }
    }

    @Test func rejectsKeyMismatchMalformedJSONAndUnknownPath() async throws {
        let app = try Simulator.application(Sample.configuration())
        try await app.test(.router) { client in
            let mismatch = try await Sample.post(client, "/interaction/v1/messages", Sample.approval(id: "a"), key: "b")
            #expect(mismatch.status == .unprocessableContent)
            #expect(Sample.object(mismatch)["status"] as? String == "rejected")
            let broken = try await client.execute(uri: "/credit/v1/records", method: .post,
                                                  headers: Sample.headers(key: "x"), body: ByteBuffer(string: "{nope"))
            #expect(broken.status == .unprocessableContent)
            let unknown = try await Sample.post(client, "/nowhere", [:] as [String: Any], key: "x")
            #expect(unknown.status == .notFound)
        }
    }

    @Test func creditRecordMissingItemsIsRejectedAndRecorded() async throws {
        let record = Sample.temporaryPath("record.jsonl")
        defer { try? FileManager.default.removeItem(atPath: record) }
        let app = try Simulator.application(Sample.configuration(record: record))
        try await app.test(.router) { client in
            let answer = try await Sample.post(client, "/credit/v1/records",
                                               Sample.licence(id: "c1", without: ["XK_NR", "XK_JDRQ"]), key: "c1")
            #expect(answer.status == .unprocessableContent)
            let reason = Sample.object(answer)["reason"] as? String ?? ""
            #expect(reason.contains("XK_NR") && reason.contains("XK_JDRQ"))
            let ok = try await Sample.post(client, "/credit/v1/records", Sample.licence(id: "c2"), key: "c2")
            #expect(Sample.object(ok)["receipt"] as? String == "CP-000001")
            let stats = Sample.object(try await client.execute(uri: "/_sim/stats", method: .get))
            #expect(stats["rejected"] as? Int == 1)
        }
        let lines = try String(contentsOfFile: record, encoding: .utf8).split(separator: "\n")
        let objects = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(objects.count == 2)
        #expect(objects.first?["result"] as? String == "rejected")
        #expect(objects.first?["key"] as? String == "c1")
        #expect(objects.first?["status"] as? Int == 422)
        #expect(objects.last?["result"] as? String == "accepted")
        #expect(objects.last?["duplicate"] as? Bool == false)
        #expect(objects.allSatisfy { $0["time"] is String && $0["path"] as? String == "/credit/v1/records" })
    }

    @Test func batchAnswersEachItemAndRecordsOneLineEach() async throws {
        let record = Sample.temporaryPath("batch.jsonl")
        defer { try? FileManager.default.removeItem(atPath: record) }
        let app = try Simulator.application(Sample.configuration(record: record))
        try await app.test(.router) { client in
            _ = try await Sample.post(client, "/credit/v1/records", Sample.licence(id: "b1"), key: "b1")
            let body = ["items": [Sample.licence(id: "b1"), Sample.licence(id: "b2"),
                                  Sample.licence(id: "b3", without: ["XK_ZT"])]]
            let answer = try await Sample.post(client, "/credit/v1/batch", body, key: nil)
            let results = Sample.object(answer)["results"] as? [[String: Any]] ?? []
            #expect(results.map { $0["status"] as? String } == ["duplicate", "accepted", "rejected"])
            #expect(results.map { $0["id"] as? String } == ["b1", "b2", "b3"])
        }
        let lines = try String(contentsOfFile: record, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 4)
    }

    @Test func claimsFeedShowsEventsOnceTheClockAdvances() async throws {
        var c = Sample.configuration()
        c.claims.neverClaimShare = 0
        c.claims.disputeShare = 1
        c.claims.maxClaimDays = 3
        let app = try Simulator.application(c)
        try await app.test(.router) { client in
            for n in 1...5 {
                let id = "m\(n)"
                _ = try await Sample.post(client, "/interaction/v1/messages", Sample.approval(id: id), key: id)
            }
            let stats = Sample.object(try await client.execute(uri: "/_sim/stats", method: .get))
            let pendingBefore = (stats["events"] as? [String: Any])?["pending"] as? Int ?? -1
            let advanced = try await Sample.post(client, "/_sim/clock", ["advanceSeconds": 20 * 86_400], key: nil)
            #expect(Sample.object(advanced)["offsetSeconds"] as? Double == 1_728_000)
            let feed = Sample.object(try await client.execute(uri: "/interaction/v1/claims?after=0&limit=100", method: .get))
            let events = feed["events"] as? [[String: Any]] ?? []
            #expect(events.count == 10)
            #expect(pendingBefore <= 10)
            #expect(events.map { $0["seq"] as? Int } == Array(1...10))
            #expect(feed["next"] as? Int == 10)
            #expect(events.filter { $0["type"] as? String == "claimed" }.count == 5)
            #expect(events.allSatisfy { $0["department"] as? String == "周村区市场监督管理局" })
            #expect(events.allSatisfy { ($0["at"] as? String)?.hasSuffix("+08:00") == true })
            #expect(events.filter { $0["type"] as? String == "dispute" }.allSatisfy { $0["reason"] is String })
            let rest = Sample.object(try await client.execute(uri: "/interaction/v1/claims?after=10", method: .get))
            #expect((rest["events"] as? [Any])?.isEmpty == true)
            #expect(rest["next"] as? Int == 10)
        }
    }

    @Test func fullErrorRateAnswersServerErrorsAndStoresNothing() async throws {
        var c = Sample.configuration()
        c.faults.errorRate = 1
        let app = try Simulator.application(c)
        try await app.test(.router) { client in
            for n in 1...4 {
                let answer = try await Sample.post(client, "/credit/v1/records", Sample.licence(id: "e\(n)"), key: "e\(n)")
                #expect([500, 503].contains(answer.status.code))
            }
            let stats = Sample.object(try await client.execute(uri: "/_sim/stats", method: .get))
            #expect((stats["accepted"] as? [String: Any])?["credit"] as? Int == 0)
            #expect((stats["faults"] as? [String: Any])?["fault:error"] as? Int == 4)
        }
    }

    @Test func downWindowAnswers503EverywhereButSim() async throws {
        var c = Sample.configuration()
        c.faults.downAfterSeconds = 0
        let app = try Simulator.application(c)
        try await app.test(.router) { client in
            let answer = try await Sample.post(client, "/credit/v1/records", Sample.licence(id: "w"), key: "w")
            #expect(answer.status == .serviceUnavailable)
            let feed = try await client.execute(uri: "/interaction/v1/claims", method: .get)
            #expect(feed.status == .serviceUnavailable)
            let stats = try await client.execute(uri: "/_sim/stats", method: .get)
            #expect(stats.status == .ok)
        }
    }

    @Test func throttleAnswers429WithRetryAfter() async throws {
        var c = Sample.configuration()
        c.faults.throttleRate = 1
        c.faults.retryAfterSeconds = 7
        let app = try Simulator.application(c)
        try await app.test(.router) { client in
            let answer = try await Sample.post(client, "/credit/v1/records", Sample.licence(id: "t"), key: "t")
            #expect(answer.status == .tooManyRequests)
            #expect(answer.headers[.retryAfter] == "7")
        }
    }

    @Test func malformedAnswerStillStoresTheKey() async throws {
        var c = Sample.configuration()
        c.faults.malformedRate = 1
        let app = try Simulator.application(c)
        try await app.test(.router) { client in
            let answer = try await Sample.post(client, "/credit/v1/records", Sample.licence(id: "x"), key: "x")
            #expect(answer.status == .ok)
            #expect((try? JSONSerialization.jsonObject(with: Data(buffer: answer.body))) == nil)
            let stats = Sample.object(try await client.execute(uri: "/_sim/stats", method: .get))
            #expect((stats["accepted"] as? [String: Any])?["credit"] as? Int == 1)
        }
    }

    @Test func bearerTokenIsRequiredWhenConfigured() async throws {
        var c = Sample.configuration()
        c.authentication.bearerToken = "s3cret"
        let app = try Simulator.application(c)
        try await app.test(.router) { client in
            let denied = try await Sample.post(client, "/credit/v1/records", Sample.licence(id: "a"), key: "a")
            #expect(denied.status == .unauthorized)
            #expect(Sample.object(denied)["reason"] as? String == "unauthorized")
            var headers = Sample.headers(key: "a")
            headers[.authorization] = "Bearer s3cret"
            let ok = try await client.execute(uri: "/credit/v1/records", method: .post, headers: headers,
                                              body: Sample.buffer(Sample.licence(id: "a")))
            #expect(ok.status == .ok)
        }
    }
}
