import ArgumentParser
import Foundation
import SGWSimulator

/// `sgw simulate`: serves both government platforms of docs/platform-api.md on 127.0.0.1, with seeded claims and
/// faults, for demos and end-to-end tests.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Serve the interaction and credit platforms on 127.0.0.1 (see docs/platform-api.md).",
        discussion: """
            Once listening it prints one line, 'listening on http://127.0.0.1:PORT', with the real port (also for \
            --port 0). Every random choice (faults per request, claims per message id) comes from --seed. \
            POST /_sim/clock {"advanceSeconds": N} moves the claim clock; GET /_sim/stats counts what happened.             It also plays the departments' own systems: paged APIs that sgw polls (GET /sources/liaocheng/penalties,             JSON like 聊城's case system; GET /sources/xml/penalties; POST /sources/login), holding --source-records             records and --source-per-minute more each minute, and, with --webhook-url, a county system that posts             signed approvals to a gateway's webhook.
            """)

    @Option(help: "The port on 127.0.0.1; 0 picks a free one.") var port = 8900
    @Option(help: ArgumentHelp("Write one JSON line per request answered to this file.", valueName: "file"))
    var record: String?
    @Option(help: "The seed of every random choice.") var seed: UInt64 = 1

    @Option(name: .customLong("latency-ms"), help: "Wait this many milliseconds before handling each request.")
    var latencyMs = 0
    @Option(help: "Share (0–1) of requests answered 500 or 503.") var errorRate = 0.0
    @Option(help: "Share (0–1) of requests answered 429.") var throttleRate = 0.0
    @Option(help: "The Retry-After seconds of a 429.") var retryAfter = 1
    @Option(help: "Share (0–1) of requests whose connection is closed without an answer (not processed).")
    var dropRate = 0.0
    @Option(help: "Share (0–1) of successful answers replaced by a 200 that is not JSON (processed).")
    var malformedRate = 0.0
    @Option(help: ArgumentHelp("Go down (503 to everything) this many seconds after start.", valueName: "seconds"))
    var downAfter: Double?
    @Option(help: ArgumentHelp("Stay down this many seconds (default: until stopped).", valueName: "seconds"))
    var downFor: Double?

    @Option(help: "Share (0–1) of approval and supervision messages never claimed.") var neverClaimShare = 0.2
    @Option(help: "Share (0–1) of messages that also get a dispute.") var disputeShare = 0.05
    @Option(help: "Claims come 0 to this many working days after acceptance.") var maxClaimDays = 3

    @Option(help: ArgumentHelp("Post claim and feedback events to this URL as they happen (sgw serve's /v1/claims/SOURCE) "
                               + "instead of only serving the feed.", valueName: "url"))
    var callback: String?
    @Option(help: ArgumentHelp("The bearer token sent with callbacks (default: $SGW_CALLBACK_TOKEN).", valueName: "token"))
    var callbackToken: String?

    @Option(help: "Require 'Authorization: Bearer TOKEN'.") var token: String?
    @Option(help: ArgumentHelp("Require HTTP basic authentication.", valueName: "user:password")) var basic: String?
    @Option(help: "Require the X-SGW-Signature HMAC-SHA256 with this secret.") var hmacSecret: String?

    @Option(help: "Records the source APIs hold at start.") var sourceRecords = 45
    @Option(help: "Records the source APIs add each minute of the simulator's clock.") var sourcePerMinute = 2.0
    @Option(help: ArgumentHelp("The source APIs' login, user:password ('none': open APIs).", valueName: "user:password"))
    var sourceLogin = "sgw:sgw-demo"
    @Option(help: "Seconds a source login token lives.") var sourceTokenLifetime = 3600.0
    @Option(name: .customLong("source-latency-ms"), help: "Wait this many milliseconds before answering each source page.")
    var sourceLatencyMs = 0
    @Option(help: "Share (0–1) of source pages answered 500 or 503.") var sourceErrorRate = 0.0
    @Option(help: "Share (0–1) of source pages answered 429 with Retry-After.") var sourceThrottleRate = 0.0
    @Option(help: "Share (0–1) of source pages answered by an HTML page.") var sourceMalformedRate = 0.0
    @Option(help: "Share (0–1) of source pages answered 200 with {\"code\":\"500\"} and no data.") var sourceErrorInsideOk = 0.0

    @Option(help: ArgumentHelp("Post signed approvals to this webhook URL, as a county system would.", valueName: "url"))
    var webhookURL: String?
    @Option(help: ArgumentHelp("The webhook's secret, whsec_ and base64 (default: $SGW_SHICHENG_WEBHOOK_SECRET).", valueName: "secret"))
    var webhookSecret: String?
    @Option(help: "How many webhook requests to send.") var webhookRequests = 10
    @Option(help: "Records in each webhook request.") var webhookRecords = 1

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
        for (name, share) in [("--error-rate", errorRate), ("--throttle-rate", throttleRate), ("--drop-rate", dropRate),
                              ("--malformed-rate", malformedRate), ("--never-claim-share", neverClaimShare),
                              ("--dispute-share", disputeShare)] where !(0...1).contains(share) {
            throw ValidationError("\(name) must be between 0 and 1")
        }
        guard latencyMs >= 0, retryAfter >= 0 else { throw ValidationError("--latency-ms and --retry-after must not be negative") }
        guard (0...250).contains(maxClaimDays) else { throw ValidationError("--max-claim-days must be 0 to 250") }
        if downFor != nil, downAfter == nil { throw ValidationError("--down-for needs --down-after") }
        if let basic, !basic.contains(":") { throw ValidationError("--basic must be user:password") }
        for (name, share) in [("--source-error-rate", sourceErrorRate), ("--source-throttle-rate", sourceThrottleRate),
                              ("--source-malformed-rate", sourceMalformedRate), ("--source-error-inside-ok", sourceErrorInsideOk)]
            where !(0...1).contains(share) {
            throw ValidationError("\(name) must be between 0 and 1")
        }
        guard sourceRecords >= 0, sourcePerMinute >= 0, sourceTokenLifetime > 0, sourceLatencyMs >= 0 else {
            throw ValidationError("--source-records, --source-per-minute and --source-latency-ms must not be negative; --source-token-lifetime above 0")
        }
        if sourceLogin != "none", !sourceLogin.contains(":") { throw ValidationError("--source-login must be user:password or none") }
    }

    func run() async throws {
        var c = SimulatorConfiguration()
        c.port = port
        c.seed = seed
        c.recordPath = record
        c.faults.latencyMilliseconds = latencyMs
        c.faults.errorRate = errorRate
        c.faults.throttleRate = throttleRate
        c.faults.retryAfterSeconds = retryAfter
        c.faults.dropRate = dropRate
        c.faults.malformedRate = malformedRate
        c.faults.downAfterSeconds = downAfter
        c.faults.downForSeconds = downFor
        c.claims.neverClaimShare = neverClaimShare
        c.claims.disputeShare = disputeShare
        c.claims.maxClaimDays = maxClaimDays
        c.authentication.bearerToken = token
        c.authentication.basic = basic
        c.authentication.hmacSecret = hmacSecret
        c.callbackURL = callback
        c.callbackToken = callbackToken ?? ProcessInfo.processInfo.environment["SGW_CALLBACK_TOKEN"]
        c.sources.recordsAtStart = sourceRecords
        c.sources.recordsPerMinute = sourcePerMinute
        let login = sourceLogin.split(separator: ":", maxSplits: 1).map(String.init)
        c.sources.login = sourceLogin == "none" ? nil : (login[0], login.count > 1 ? login[1] : "")
        c.sources.tokenLifetimeSeconds = sourceTokenLifetime
        c.sources.faults.latencyMilliseconds = sourceLatencyMs
        c.sources.faults.errorRate = sourceErrorRate
        c.sources.faults.throttleRate = sourceThrottleRate
        c.sources.faults.malformedRate = sourceMalformedRate
        c.sources.faults.retryAfterSeconds = retryAfter
        c.sources.errorInsideOKRate = sourceErrorInsideOk
        if let webhookURL {
            guard let secret = webhookSecret ?? ProcessInfo.processInfo.environment["SGW_SHICHENG_WEBHOOK_SECRET"] else {
                throw ValidationError("--webhook-url needs --webhook-secret or $SGW_SHICHENG_WEBHOOK_SECRET")
            }
            var caller = WebhookCaller.Settings(url: webhookURL, secret: secret)
            caller.requests = webhookRequests
            caller.recordsPerRequest = webhookRecords
            c.webhookCaller = caller
        }
        let app = try Simulator.application(c) { port in
            // Unbuffered, so a parent process reading the pipe gets the port at once.
            FileHandle.standardOutput.write(Data("listening on http://127.0.0.1:\(port)\n".utf8))
        }
        try await app.runService()
    }
}
