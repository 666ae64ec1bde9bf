import Hummingbird
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
