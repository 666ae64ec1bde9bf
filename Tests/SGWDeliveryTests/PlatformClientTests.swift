import Foundation
import Hummingbird
import HummingbirdTesting
import SGWCore
import SGWPipeline
@testable import SGWStore
import SGWTesting
import Synchronization
import Testing

/// What `PlatformClient` makes of answers and messages a well-behaved platform never sees: a redirect is not
/// followed (AsyncHTTPClient would resend the POST as a GET without its body) but parks the delivery with the address
/// it was sent to; a stored message that cannot be read is parked without a request.
@Suite struct PlatformClientTests {
    /// Requests that reached `/new`, by method.
    final class Hits: Sendable {
        let get = Atomic(0), post = Atomic(0)
    }

    /// A server on 127.0.0.1: `POST /moved` answers 301 to `/new`; `/new` accepts anything, GET or POST (what a
    /// followed redirect would have taken for a delivery).
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
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    /// One credit delivery leased from a fresh store, and a client for a destination at `path` on `port`.
    func leaseAndClient(_ dir: TemporaryDirectory, port: Int, path: String) throws -> ([DeliveryLease], PlatformClient) {
        let store = try SQLiteStore(dataFolder: dir.path)
        let planner = DeliveryPlanner(calculator: DeadlineCalculator(calendar: try WorkingCalendar.load(), profiles: try ProfileCatalog.load()))
        let message = CanonicalMessage.make(body: .creditLicence(Fixtures.creditLicence()), key: "k", profile: "linzi",
                                            provenance: Provenance(adapter: "a", source: "s"))
        _ = try store.ingest([planner.plan(message)], rejections: [], importID: nil, at: Date())
        let leases = try store.lease(destination: "credit", now: Date(), limit: 1, machine: DeliveryStateMachine(configuration: .init()))
        let file = dir.path + "/credit.yaml"
        try "platform: credit\nhttp:\n  url: http://127.0.0.1:\(port)\(path)\n  timeout_seconds: 60\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
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

    @Test func aStoredMessageThatCannotBeReadIsParkedWithoutARequest() async throws {
        let hits = Hits()
        try await server(hits).test(.live) { client in
            let dir = try TemporaryDirectory()
            defer { dir.remove() }
            var (leases, platform) = try leaseAndClient(dir, port: try #require(client.port), path: "/new")
            // A credit record is decoded for its items: a body that is not a credit licence cannot be.
            leases[0].message.canonicalBody = Array(#"{"not": "a licence"}"#.utf8)
            let reports = await platform.send(leases, jitter: { 0 })
            try await platform.shutdown()
            let report = try #require(reports.first)
            guard case .failed(.permanent(let reason)) = report.event else {
                Issue.record("an unreadable message gave \(report.event)")
                return
            }
            #expect(reason.hasPrefix("the stored message cannot be read"))
            #expect(report.problem?.code == "unreadable-message")
        }
        #expect(hits.post.load(ordering: .relaxed) == 0)
    }
}
