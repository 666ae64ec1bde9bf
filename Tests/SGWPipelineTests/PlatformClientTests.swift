import Foundation
import Hummingbird
import HummingbirdTesting
import SGWCore
import SGWPipeline
import SGWStore
import SGWTesting
import Synchronization
import Testing

/// What `PlatformClient` makes of answers and messages a well-behaved platform never sees: a redirect is not
/// followed (AsyncHTTPClient would resend the POST as a GET without its body) but parks the delivery with the address
/// it was sent to; a stored message that cannot be read is parked without a request.
@Suite struct PlatformClientTests {
    /// Requests that reached `/new`, by method, and the items of the batches that reached `/batch`.
    final class Hits: Sendable {
        let get = Atomic(0), post = Atomic(0), batchItems = Atomic(0)
    }

    /// A server on 127.0.0.1: `POST /moved` answers 301 to `/new`; `/new` accepts anything, GET or POST (what a
    /// followed redirect would have taken for a delivery); `/batch` accepts every item of a batch.
    func server(_ hits: Hits) -> some ApplicationProtocol {
        let router = Router()
        let accepted = #"{"status": "accepted", "receipt": "R-1"}"#
        router.post("/moved") { _, _ in
            Response(status: .movedPermanently, headers: [.location: "/new"], body: .init(byteBuffer: ByteBuffer(string: "moved")))
        }
        router.get("/new") { _, _ in
            hits.get.add(1, ordering: .relaxed)
            return accepted
        }
        router.post("/new") { _, _ in
            hits.post.add(1, ordering: .relaxed)
            return accepted
        }
        router.post("/batch") { request, _ in
            let body = try await request.body.collect(upTo: 1 << 20)
            let object = try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any]
            let ids = (object?["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            hits.batchItems.add(ids.count, ordering: .relaxed)
            let results = ids.map { #"{"id": "\#($0)", "status": "accepted", "receipt": "R-\#($0)"}"# }
            return #"{"results": [\#(results.joined(separator: ","))]}"#
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    /// `count` credit deliveries leased from a fresh store, and a client for a destination at `path` on `port`
    /// (batches of `count` to `/batch`).
    func leaseAndClient(_ dir: TemporaryDirectory, port: Int, path: String, count: Int = 1) throws -> ([DeliveryLease], PlatformClient) {
        let store = try SQLiteStore(dataFolder: dir.path)
        let planner = DeliveryPlanner(calculator: DeadlineCalculator(calendar: try WorkingCalendar.load(), profiles: try ProfileCatalog.load()))
        let items = (0..<count).map {
            planner.plan(CanonicalMessage.make(body: .creditLicence(Fixtures.creditLicence()), key: "k\($0)", profile: "linzi",
                                               provenance: Provenance(adapter: "a", source: "s")))
        }
        _ = try store.ingest(items, rejections: [], importID: nil, at: Date())
        let leases = try store.lease(destination: "credit", now: Date(), limit: count, machine: DeliveryStateMachine(configuration: .init()))
        let file = dir.path + "/credit.yaml"
        try """
            platform: credit
            http:
              url: http://127.0.0.1:\(port)\(path)
              batch_url: http://127.0.0.1:\(port)/batch
              batch_size: \(count)
              timeout_seconds: 60
            """.write(toFile: file, atomically: true, encoding: .utf8)
        let (spec, problems) = DestinationSpec.load(path: file, dataFolder: dir.path)
        #expect(problems.isEmpty)
        return (leases, try PlatformClient(spec: try #require(spec)))
    }

    @Test func aRedirectIsAPermanentFailureNamingTheNewAddressAndIsNotFollowed() async throws {
        let hits = Hits()
        try await server(hits).test(.live) { client in
            let port = try #require(client.port)
            for (path, delivered) in [("/moved", false), ("/new", true)] {
                let dir = try TemporaryDirectory()
                defer { dir.remove() }
                let (leases, platform) = try leaseAndClient(dir, port: port, path: path)
                #expect(leases.count == 1)
                let reports = await platform.send(leases, jitter: { 0 })
                try await platform.shutdown()
                let report = try #require(reports.first)
                if delivered {
                    // The control: the same client delivers to the address itself.
                    #expect(report.event == .succeeded && report.receipt == "R-1")
                } else {
                    guard case .failed(.permanent(let reason)) = report.event else {
                        Issue.record("a redirect gave \(report.event)")
                        continue
                    }
                    #expect(reason.contains("HTTP 301") && reason.contains("/new"))
                    #expect(report.problem?.code == "http-permanent")
                    #expect(report.response == "moved")
                }
            }
        }
        #expect(hits.get.load(ordering: .relaxed) == 0)
        #expect(hits.post.load(ordering: .relaxed) == 1)
    }

    @Test func aStoredMessageThatCannotBeReadIsParkedAloneAndTheRestOfTheBatchIsSent() async throws {
        let hits = Hits()
        try await server(hits).test(.live) { client in
            let dir = try TemporaryDirectory()
            defer { dir.remove() }
            let (leased, platform) = try leaseAndClient(dir, port: try #require(client.port), path: "/new", count: 3)
            // A credit record is decoded for its items: a body that is not a credit licence cannot be.
            var leases = leased
            leases[1].message.canonicalBody = Array(#"{"not": "a licence"}"#.utf8)
            let reports = await platform.send(leases, jitter: { 0 })
            try await platform.shutdown()
            #expect(reports.count == 3)
            let damaged = try #require(reports.first { $0.lease.id == leases[1].id })
            guard case .failed(.permanent(let reason)) = damaged.event else {
                Issue.record("an unreadable message gave \(damaged.event)")
                return
            }
            #expect(reason.hasPrefix("the stored message cannot be read"))
            #expect(damaged.problem?.code == "unreadable-message")
            let others = reports.filter { $0.lease.id != leases[1].id }
            #expect(others.map(\.event) == [.succeeded, .succeeded])
            #expect(Set(others.compactMap(\.receipt)) == Set([leases[0], leases[2]].map { "R-" + $0.message.envelope.id.rawValue }))
        }
        #expect(hits.batchItems.load(ordering: .relaxed) == 2)
        #expect(hits.post.load(ordering: .relaxed) == 0)
    }
}

/// What a destination file may say: counts and times with bounds, so that a typo cannot reach an Int conversion.
@Suite struct DestinationSpecTests {
    @Test func numbersBeyondTheirBoundsAreProblems() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = dir.path + "/interaction.yaml"
        try """
            platform: interaction
            http:
              url: http://127.0.0.1:1/v1/messages
              concurrency: inf
              timeout_seconds: 1e30
            """.write(toFile: file, atomically: true, encoding: .utf8)
        let (_, problems) = DestinationSpec.load(path: file, dataFolder: dir.path)
        #expect(problems.map(\.message) == ["'concurrency' must be a number from 1 to 1000",
                                            "'timeout_seconds' must be a number from 0.1 to 10000000"])
    }
}
