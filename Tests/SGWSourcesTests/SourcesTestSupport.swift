import AsyncHTTPClient
import Foundation
import Logging
import SGWCore
import SGWServer
import SGWSources
import SGWStore
import SGWTesting
import SGWSimulator

/// A gateway over a temporary store and a copy of the repository's configuration, for tests of the sources.
struct SourcesHarness {
    static let secret = "whsec_" + Data("a-webhook-secret-for-tests".utf8).base64EncodedString()
    static let environment = ["SGW_SHICHENG_WEBHOOK_SECRET": secret, "SGW_LIAOCHENG_PASSWORD": "sgw-demo"]

    let dir: TemporaryDirectory
    let store: SQLiteStore
    let setup: GatewaySetup
    let http: HTTPClient

    /// The repository's adapters, mappings and destinations copied into a temporary folder (its file adapters'
    /// inbox moved there too), `edit` applied to the adapters folder's files.
    init(adapters edit: [String: String] = [:]) throws {
        dir = try TemporaryDirectory(prefix: "sgw-sources")
        _ = try ConfigurationCopy(in: dir.path, adapters: edit)
        store = try SQLiteStore(dataFolder: dir.path + "/data")
        http = HTTPClient.shared
        var logger = Logger(label: "sgw-test")
        logger.logLevel = .warning
        setup = GatewaySetup(configFolder: dir.path + "/config", dataFolder: dir.path + "/data", configuration: GatewayConfiguration(),
                             calendar: try WorkingCalendar.load(), profiles: try ProfileCatalog.load(), store: store, http: http,
                             logger: logger, environment: Self.environment)
    }

    /// The parts of the configuration, which must have no problem.
    func parts() throws -> GatewaySetup.Parts { try setup.build().get() }

    func close() async {
        dir.remove()
    }

    /// How many messages of `kind` the store holds.
    func count(_ kind: MessageKind? = nil) throws -> Int {
        try store.messageCount(kind: kind, adapter: nil, since: nil, allVersions: true)
    }

    /// The headers of a Standard Webhooks request signed with the test secret.
    static func signed(_ body: [UInt8], id: String, at time: Date = Date()) -> [String: String] {
        let timestamp = Int(time.timeIntervalSince1970)
        return ["content-type": "application/json", "webhook-id": id, "webhook-timestamp": String(timestamp),
                "webhook-signature": WebhookSignature(secret: secret)!.sign(id: id, timestamp: timestamp, body: body)]
    }

    /// The sample approval the county system posts, as JSON bytes, with `changes` applied to its members.
    static func approval(_ changes: [String: Any] = [:]) -> [String: Any] {
        let data = FileManager.default.contents(atPath: Repository.root + "/examples/inbox/shicheng-webhook-approval.json")!
        var object = try! JSONSerialization.jsonObject(with: data) as! [String: Any]
        for (k, v) in changes { object[k] = v }
        return object
    }

    static func bytes(_ object: Any) -> [UInt8] { Array(try! JSONSerialization.data(withJSONObject: object)) }
}

/// The simulator on a free loopback port for the length of `body`, which gets its base URL.
func withSimulator(_ configure: (inout SimulatorConfiguration) -> Void,
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

/// A polled adapter of 聊城's JSON API on the simulator at `base` (the shipped one, at another port), with `extra`
/// lines added to its `http:` block and `size` records a page.
func liaochengAdapter(base: String, size: Int = 20, expires: Bool = true) throws -> String {
    var text = try String(contentsOfFile: Repository.root + "/adapters/liaocheng-penalties.yaml", encoding: .utf8)
        .replacingOccurrences(of: "http://127.0.0.1:8900", with: base)
        .replacingOccurrences(of: "size: \"20\"", with: "size: \"\(size)\"")
    if !expires { text = text.replacingOccurrences(of: "      expires_path: data.expiresIn\n", with: "") }
    return text
}
