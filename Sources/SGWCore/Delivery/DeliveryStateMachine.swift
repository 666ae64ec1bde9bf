public import Foundation

/// The life of one delivery, decided without a clock or a network: a pure function of (state, event, now) that
/// returns the next state and what to do. The workers do the I/O and feed back what happened; tests feed events.
///
/// A worker leases a due delivery (the lease is committed before the HTTP call, never a transaction held across
/// it), sends it, and reports the outcome. Transient failures (connection errors, timeouts, 408, 429, 5xx) are
/// retried with exponential backoff and full jitter, honouring Retry-After; permanent ones (other 4xx, a body the
/// platform rejects) park the delivery as a dead letter until an operator replays it. A passed deadline never stops
/// the retries: the delivery is marked overdue and counted.
public struct DeliveryStateMachine: Sendable {
    /// Where a delivery stands.
    public enum State: Sendable, Hashable {
        /// Waiting to be sent, not before `notBefore`; `attempts` made so far.
        case pending(attempts: Int, notBefore: Date)
        /// A worker holds it until `until`; this is attempt number `attempt`.
        case leased(attempt: Int, until: Date)
        /// The platform acknowledged it.
        case delivered(at: Date, attempts: Int)
        /// Parked after a permanent failure.
        case deadLetter(attempts: Int, reason: String)
    }

    /// What happened.
    public enum Event: Sendable, Hashable {
        /// A worker wants it (only a due, pending delivery, or one whose lease expired, can be leased).
        case lease
        /// The platform answered with success.
        case succeeded
        /// The attempt failed.
        case failed(Failure)
        /// An operator replays a dead letter after fixing the cause.
        case replay
        /// The worker gives its lease back without sending: the lease would run out before an answer could come.
        case unsent
    }

    /// How an attempt failed.
    public enum Failure: Sendable, Hashable {
        /// Worth retrying; `retryAfter` when the platform said how long to wait.
        case transient(reason: String, retryAfter: TimeInterval?)
        /// Not worth retrying until someone changes something.
        case permanent(reason: String)
    }

    /// What the worker must do now.
    public enum Action: Sendable, Hashable {
        /// Send the request (attempt number given).
        case send(attempt: Int)
        /// Nothing: the event does not apply in this state (a stale worker, a double report).
        case ignore(reason: String)
        /// Record success.
        case recordDelivered
        /// Wait until the date, then the delivery is due again.
        case retry(at: Date)
        /// Park it with its request and response for an operator.
        case park(reason: String)
        /// Nothing was sent: due again at once, the attempt not counted.
        case release
    }

    /// Retry and lease settings.
    public struct Configuration: Sendable, Hashable {
        /// The first backoff ceiling.
        public var baseDelay: TimeInterval = 1
        /// The largest backoff ceiling.
        public var maximumDelay: TimeInterval = 600
        /// How long a lease lasts; a crashed worker's delivery is due again after it.
        public var leaseDuration: TimeInterval = 60

        /// Defaults: 1 s doubling up to 10 minutes, one-minute leases.
        public init(baseDelay: TimeInterval = 1, maximumDelay: TimeInterval = 600, leaseDuration: TimeInterval = 60) {
            self.baseDelay = baseDelay
            self.maximumDelay = maximumDelay
            self.leaseDuration = leaseDuration
        }
    }

    /// The settings.
    public let configuration: Configuration

    /// A state machine.
    public init(configuration: Configuration = Configuration()) { self.configuration = configuration }

    /// The next state and action for `event` at `now`. `jitter` is a number in [0, 1) from the caller's random
    /// source, so that the function stays pure.
    public func next(_ state: State, _ event: Event, now: Date, jitter: Double = 0.5) -> (State, Action) {
        switch (state, event) {
        case (.pending(let attempts, let notBefore), .lease):
            guard now >= notBefore else { return (state, .ignore(reason: "not due before \(notBefore)")) }
            return (.leased(attempt: attempts + 1, until: now.addingTimeInterval(configuration.leaseDuration)), .send(attempt: attempts + 1))
        case (.leased(let attempt, let until), .lease):
            // Another worker may take it over only after the lease expired (its holder crashed or hung).
            guard now >= until else { return (state, .ignore(reason: "leased until \(until)")) }
            return (.leased(attempt: attempt + 1, until: now.addingTimeInterval(configuration.leaseDuration)), .send(attempt: attempt + 1))
        case (.leased(let attempt, _), .succeeded):
            return (.delivered(at: now, attempts: attempt), .recordDelivered)
        case (.leased(let attempt, _), .failed(.transient(_, let retryAfter))):
            let at = now.addingTimeInterval(backoff(afterAttempt: attempt, jitter: jitter, retryAfter: retryAfter))
            return (.pending(attempts: attempt, notBefore: at), .retry(at: at))
        case (.leased(let attempt, _), .unsent):
            return (.pending(attempts: attempt - 1, notBefore: now), .release)
        case (.leased(let attempt, _), .failed(.permanent(let reason))):
            return (.deadLetter(attempts: attempt, reason: reason), .park(reason: reason))
        case (.deadLetter(let attempts, _), .replay):
            return (.pending(attempts: attempts, notBefore: now), .ignore(reason: "replayed: due now"))
        case (.delivered, .succeeded):
            return (state, .ignore(reason: "already delivered"))
        default:
            return (state, .ignore(reason: "\(event) does not apply to \(state)"))
        }
    }

    /// Exponential backoff with full jitter: a uniform delay in [0, min(maximum, base·2^(attempt−1))), never shorter
    /// than the platform's Retry-After, and never longer than the maximum: a platform asking for days (or for ever)
    /// would otherwise leave a delivery neither due nor parked, and a deadline passing unseen.
    public func backoff(afterAttempt attempt: Int, jitter: Double, retryAfter: TimeInterval?) -> TimeInterval {
        let ceiling = min(configuration.maximumDelay, configuration.baseDelay * pow(2, Double(max(0, attempt - 1))))
        let delay = ceiling * min(max(jitter, 0), 0.999_999)
        let asked = retryAfter.map { $0.isNaN ? 0 : min(max($0, 0), configuration.maximumDelay) } ?? 0
        return max(delay, asked)
    }

    /// Whether a delivery is, or was, late at `now`: its deadline passed before it was delivered. Retries go on
    /// regardless; lateness is counted and shown, it never stops a delivery.
    public static func isOverdue(_ state: State, dueAt: Date?, now: Date) -> Bool {
        guard let dueAt, now > dueAt else { return false }
        if case .delivered(let at, _) = state { return at > dueAt }
        return true
    }
}
