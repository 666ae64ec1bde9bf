import AsyncHTTPClient
import Foundation
import Hummingbird
import NIOCore
public import SGWSimulator

/// The platform simulator on a free loopback port for the length of `body`, which gets its base URL
/// (`http://127.0.0.1:PORT`). The seed is 7 unless `configure` sets another.
public func withSimulator(_ configure: (inout SimulatorConfiguration) -> Void = { _ in },
                          _ body: (String) async throws -> Void) async throws {
    var configuration = SimulatorConfiguration()
    configuration.port = 0
    configuration.seed = 7
    configure(&configuration)
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let app = try Simulator.application(configuration, quiet: true, onListening: { continuation.yield($0) })
    let server = Task { try await app.runService() }
    defer { server.cancel() }
    var iterator = ports.makeAsyncIterator()
    guard let port = await iterator.next() else { throw CancellationError() }
    try await body("http://127.0.0.1:\(port)")
}

/// Asks the simulator at `base` what it saw, for a test's checks.
public struct SimulatorClient: Sendable {
    /// The simulator's base URL, as `withSimulator` gives it.
    public let base: String

    /// A client of the simulator at `base`.
    public init(base: String) { self.base = base }

    /// `GET /sources/_stats`: the counters of the departments' systems (`logins` and the like).
    public func sourceStats() async throws -> [String: Any] {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: base + "/sources/_stats"), timeout: .seconds(5))
        let body = try await response.body.collect(upTo: 1 << 16)
        return (try JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
    }
}
