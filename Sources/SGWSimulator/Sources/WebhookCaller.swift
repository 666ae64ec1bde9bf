import AsyncHTTPClient
import Crypto
import Foundation
import Logging
import NIOCore
import SGWCore
public import ServiceLifecycle

/// A county system that calls the gateway (石城, art. 26: at once): it posts approval decisions shaped like
/// `examples/inbox/shicheng-webhook-approval.json` to the gateway's webhook, signed the Standard Webhooks way
/// (signed here independently of the gateway's own code, as a real sender would), and sends a request again after
/// a `5xx` or no answer, with the same `webhook-id`.
public struct WebhookCaller: Service {
    /// Where and how it posts.
    public struct Settings: Sendable {
        /// The webhook's URL.
        public var url: String
        /// The shared secret, `whsec_` + base64.
        public var secret: String
        /// How many requests it sends in all.
        public var requests = 10
        /// Records in each request (one object when 1, else a list).
        public var recordsPerRequest = 1
        /// Seconds between two requests.
        public var intervalSeconds: Double = 0.2

        /// Settings posting to `url` with `secret`.
        public init(url: String, secret: String) {
            self.url = url
            self.secret = secret
        }
    }

    let settings: Settings
    let seed: UInt64

    /// A caller.
    public init(settings: Settings, seed: UInt64) {
        self.settings = settings
        self.seed = seed
    }

    public func run() async throws {
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            try await cancelWhenGracefulShutdown {
                for n in 0..<settings.requests {
                    let records = (0..<settings.recordsPerRequest).map { Self.approval(seed: seed, n * settings.recordsPerRequest + $0) }
                    let body = settings.recordsPerRequest == 1 ? records[0] : records as Any
                    let bytes = Array((try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data())
                    try await send(bytes, id: "msg_sim_\(seed)_\(n)", http: http)
                    try await Task.sleep(for: .milliseconds(Int(settings.intervalSeconds * 1000)))
                }
            }
        } catch is CancellationError {}
        try? await http.shutdown()
    }

    /// Posts one request, again after a server error or no answer (up to 5 tries).
    func send(_ body: [UInt8], id: String, http: HTTPClient) async throws {
        for attempt in 1...5 {
            let timestamp = Int(Date().timeIntervalSince1970)
            var request = HTTPClientRequest(url: settings.url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "webhook-id", value: id)
            request.headers.add(name: "webhook-timestamp", value: String(timestamp))
            request.headers.add(name: "webhook-signature", value: Self.signature(secret: settings.secret, id: id, timestamp: timestamp, body: body))
            request.body = .bytes(ByteBuffer(bytes: body))
            if let response = try? await http.execute(request, timeout: .seconds(10)), response.status.code < 500 { return }
            try await Task.sleep(for: .milliseconds(200 * attempt))
        }
    }

    /// `v1,` and the base64 HMAC-SHA256 of `id.timestamp.body` under the secret's bytes.
    public static func signature(secret: String, id: String, timestamp: Int, body: [UInt8]) -> String {
        let key = SymmetricKey(data: Data(base64Encoded: String(secret.dropFirst(secret.hasPrefix("whsec_") ? 6 : 0))) ?? Data())
        let signed = Array("\(id).\(timestamp).".utf8) + body
        return "v1," + Data(HMAC<SHA256>.authenticationCode(for: signed, using: key)).base64EncodedString()
    }

    /// Approval `i` of the county system, made from the seed and `i` alone.
    public static func approval(seed: UInt64, _ i: Int) -> [String: Any] {
        var random = SeededRandom(seed: seed, name: "webhook-approval-\(i)")
        let serial = String(format: "%08d", Int(random.next() % 100_000_000))
        let day = ShanghaiTime.date(of: Date())
        let items = [("药品零售企业许可", "药品", "县市场监督管理局"), ("食品经营许可", "食品", "县市场监督管理局"),
                     ("道路货物运输经营许可", "道路", "县交通运输局"), ("娱乐场所经营许可", "娱乐", "县文化广电新闻出版旅游局")]
        let item = items[Int(random.next() % UInt64(items.count))]
        let commitment = random.chance(0.3)
        return [
            "sxbm": "11360735ML2ME08P2M13000116001\(String(format: "%02d", Int(random.next() % 100)))",
            "sxmc": item.0,
            "xkwsh": "SH审批〔\(day.year)〕\(10_000 + i)号",
            "xkbh": "\(item.1)360735\(day.year)\(String(format: "%05d", i + 1))",
            "xdr": [
                "mc": ["北郊物流经营部", "石城县恒达商贸有限公司", "琴江镇便民药店", "石城县红色旅游服务有限公司"][Int(random.next() % 4)],
                "lb": "法人及非法人组织",
                "tyshxydm": USCC.make(prefix: "92", region: "360735", organisation: serial) ?? "",
                "zjhm": NSNull(), "fddbr": "夏芳立",
                "lxdh": "13\(String(format: "%09d", Int(random.next() % 1_000_000_000)))",
                "dz": "琴江镇\(Int(random.next() % 500))号",
            ] as [String: Any],
            "xkrq": "\(day)", "yxqz": "\(day)", "yxqzhi": "\(day.adding(days: 5 * 365))",
            "xknr": "经营项目：\(item.0)",
            "jgbm": item.2,
            "gzcn": ["sfgzcn": commitment, "cnsbh": commitment ? "CN\(item.1)360735\(day.year)\(String(format: "%05d", i + 1))" : NSNull()] as [String: Any],
        ]
    }
}
