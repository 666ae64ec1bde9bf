public import AsyncHTTPClient
public import Foundation
import Logging
public import SGWCore
public import SGWServer
import SGWSources
public import SGWStore

/// A gateway over a temporary store and a copy of the repository's configuration, for tests of the sources and
/// the server.
public struct GatewayHarness: Sendable {
    /// The secret of the shipped webhook adapter (石城), as its environment variable gives it.
    public static let secret = "whsec_" + Data("a-webhook-secret-for-tests".utf8).base64EncodedString()
    /// The environment the shipped configuration reads its secrets from.
    public static let environment = ["SGW_SHICHENG_WEBHOOK_SECRET": secret, "SGW_LIAOCHENG_PASSWORD": "sgw-demo"]

    /// The folder holding `config/` and `data/`.
    public let dir: TemporaryDirectory
    /// The store in `data/`.
    public let store: SQLiteStore
    /// The configuration folder turned into running parts.
    public let setup: GatewaySetup
    /// The client the parts call out with.
    public let http: HTTPClient

    /// The repository's adapters, mappings and destinations copied into a temporary folder (its file adapters'
    /// inbox moved there too), `edit` applied to the adapters folder's files.
    public init(adapters edit: [String: String] = [:]) throws {
        dir = try TemporaryDirectory(prefix: "sgw-gateway")
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
    public func parts() throws -> GatewaySetup.Parts { try setup.build().get() }

    /// Removes the folder, the store with it.
    public func close() async {
        dir.remove()
    }

    /// How many messages of `kind` the store holds.
    public func count(_ kind: MessageKind? = nil) throws -> Int {
        try store.messageCount(MessageFilter(kind: kind, allVersions: true))
    }

    /// The headers of a Standard Webhooks request signed with the test secret.
    public static func signed(_ body: [UInt8], id: String, at time: Date = Date()) -> [String: String] {
        let timestamp = Int(time.timeIntervalSince1970)
        return ["content-type": "application/json", "webhook-id": id, "webhook-timestamp": String(timestamp),
                "webhook-signature": WebhookSignature(secret: secret)!.sign(id: id, timestamp: timestamp, body: body)]
    }

    /// The sample approval the county system posts, as a JSON object, with `changes` applied to its members.
    public static func approval(_ changes: [String: Any] = [:]) -> [String: Any] {
        let data = FileManager.default.contents(atPath: Repository.root + "/examples/inbox/shicheng-webhook-approval.json")!
        var object = try! JSONSerialization.jsonObject(with: data) as! [String: Any]
        for (k, v) in changes { object[k] = v }
        return object
    }

    /// The JSON bytes of `object`.
    public static func bytes(_ object: Any) -> [UInt8] { Array(try! JSONSerialization.data(withJSONObject: object)) }
}
