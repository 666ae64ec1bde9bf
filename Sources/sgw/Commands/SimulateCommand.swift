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
            POST /_sim/clock {"advanceSeconds": N} moves the claim clock; GET /_sim/stats counts what happened.
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
        let app = try Simulator.application(c) { port in
            // Unbuffered, so a parent process reading the pipe gets the port at once.
            FileHandle.standardOutput.write(Data("listening on http://127.0.0.1:\(port)\n".utf8))
        }
        try await app.runService()
    }
}
