/// What a simulator run does: where it listens, which faults it injects, how departments claim, and which
/// authentication it demands. Defaults are a well-behaved platform.
public struct SimulatorConfiguration: Sendable {
    /// Faults injected into the platform endpoints, each decided per request from the seeded random source.
    public struct Faults: Sendable {
        /// Delay before every answer, in milliseconds (the claims feed too).
        public var latencyMilliseconds: Int = 0
        /// Share of requests answered 500 or 503.
        public var errorRate: Double = 0
        /// Share of requests answered 429 with `Retry-After`.
        public var throttleRate: Double = 0
        /// The `Retry-After` seconds of a 429.
        public var retryAfterSeconds: Int = 1
        /// Share of requests whose connection is closed without an answer (and not processed).
        public var dropRate: Double = 0
        /// Share of successful answers replaced by a 200 whose body is not JSON (the request was processed).
        public var malformedRate: Double = 0
        /// Seconds after start when the platform goes down (503 to everything), or nil for never.
        public var downAfterSeconds: Double?
        /// How long it stays down; nil means until the simulator stops.
        public var downForSeconds: Double?

        /// No faults.
        public init() {}
    }

    /// How the simulated departments claim approval and supervision messages.
    public struct Claims: Sendable {
        /// Share of messages never claimed (so that the gateway's auto-claim happens).
        public var neverClaimShare: Double = 0.2
        /// Share of messages that also get a dispute (反馈意见).
        public var disputeShare: Double = 0.05
        /// The longest claim delay in working days; each message gets 0 to this many.
        public var maxClaimDays: Int = 3

        /// The defaults of the contract.
        public init() {}
    }

    /// The credentials a request must carry; all nil means none is checked.
    public struct Authentication: Sendable {
        /// `Authorization: Bearer TOKEN`.
        public var bearerToken: String?
        /// HTTP basic, as `user:password`.
        public var basic: String?
        /// The HMAC-SHA256 secret for `X-SGW-Signature`.
        public var hmacSecret: String?
        /// How far `X-SGW-Timestamp` may be from now, in seconds.
        public var hmacMaxSkewSeconds: Double = 300

        /// No authentication.
        public init() {}

        /// Whether any credential is required.
        public var isRequired: Bool { bearerToken != nil || basic != nil || hmacSecret != nil }
    }

    /// The TCP port on 127.0.0.1; 0 picks a free one.
    public var port: Int = 8900
    /// The seed of every random choice.
    public var seed: UInt64 = 1
    /// The JSON-lines file of answered requests, if any.
    public var recordPath: String?
    /// Where to post claim and feedback events as they become visible (the platform calls the gateway), and the
    /// bearer token to send with them; nil: the gateway polls the claims feed.
    public var callbackURL: String?
    public var callbackToken: String?
    /// Injected faults.
    public var faults = Faults()
    /// Claim behaviour.
    public var claims = Claims()
    /// Required credentials.
    public var authentication = Authentication()
    /// The source systems' APIs (`/sources/…`), which the gateway polls.
    public var sources = SourceSystems()
    /// A county system that posts signed approvals to the gateway's webhook, when set.
    public var webhookCaller: WebhookCaller.Settings?

    /// A well-behaved platform on port 8900.
    public init() {}
}
