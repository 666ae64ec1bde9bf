import Foundation
import SGWCore
import SGWPipeline
import SGWStore
import SGWTesting
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `sgw deliver --max-wait` holds its bound even when a platform takes every request and never answers: the wave in
/// flight is cut at the time, its deliveries reported for a retry, none lost.
@Suite struct MaxWaitTests {
    /// A TCP port on 127.0.0.1 that takes connections (the kernel's backlog) and never answers; closed by `close(fd)`.
    static func silentPort() throws -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && listen(fd, 64) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        #expect(bound)
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    @Test func theWaitHoldsWhileAPlatformNeverAnswers() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (fd, port) = try Self.silentPort()
        defer { close(fd) }
        let store = try SQLiteStore(dataFolder: dir.path)
        let planner = DeliveryPlanner(calculator: DeadlineCalculator(calendar: try WorkingCalendar.load(), profiles: try ProfileCatalog.load()))
        let items = (0..<20).map {
            planner.plan(CanonicalMessage.make(body: .creditLicence(Fixtures.creditLicence()), key: "k\($0)", profile: "linzi",
                                               provenance: Provenance(adapter: "a", source: "s")))
        }
        _ = try store.ingest(items, rejections: [], importID: nil, at: Date())
        let file = try dir.write("credit.yaml", """
            platform: credit
            http:
              url: http://127.0.0.1:\(port)/single
              batch_url: http://127.0.0.1:\(port)/batch
              batch_size: 5
              timeout_seconds: 60
            """)
        let (spec, problems) = DestinationSpec.load(path: file, dataFolder: dir.path)
        #expect(problems.isEmpty, "\(problems)")
        let client = try PlatformClient(spec: try #require(spec))
        let runner = DeliveryRunner(store: store, clients: [client], planner: planner)
        let started = Date()
        let outcome = try await runner.run(untilIdle: false, maxWait: 2)
        let elapsed = Date().timeIntervalSince(started)
        try await client.shutdown()
        // 2 s asked for: it waited them, then a commit or two, never the request's 60 s timeout (the margin is for a
        // machine busy with other tests; alone it ends at about 2.2 s).
        #expect(elapsed >= 2 && elapsed < 8, "ran \(elapsed) s")
        let summary = try #require(outcome.destinations.first)
        #expect(summary.delivered == 0)
        // Every delivery is accounted for: tried and due again, or given back unsent; none left leased.
        #expect(summary.backlog.leased == 0, "\(summary.backlog)")
        #expect(summary.backlog.due + summary.backlog.waiting == 20, "\(summary.backlog)")
    }
}
