/// Decides, per request and from the seeded random source, which fault the simulator plays.
///
/// The whole plan is drawn before the request is handled, in a fixed order (down window, drop, throttle, error,
/// then malformed), so a rerun with the same seed and the same request order injects the same faults.
actor FaultInjector {
    /// A fault that replaces the answer.
    enum Fault: Sendable, Equatable {
        /// Inside the down window: 503.
        case down
        /// The connection is closed without an answer; the request is not handled.
        case drop
        /// 429 with `Retry-After`.
        case throttle
        /// A server error, 500 or 503.
        case error(Int)

        /// The record's `result`: `fault:down`, `fault:drop`, `fault:throttle`, `fault:error`.
        var result: String {
            switch self {
            case .down: "fault:down"
            case .drop: "fault:drop"
            case .throttle: "fault:throttle"
            case .error: "fault:error"
            }
        }
    }

    /// What happens to one request.
    struct Plan: Sendable {
        /// A fault that replaces handling, if any.
        var fault: Fault?
        /// Whether a successful answer is replaced by a body that is not JSON.
        var malformed = false
        /// The delay before handling, in milliseconds.
        var latencyMilliseconds = 0
    }

    private let faults: SimulatorConfiguration.Faults
    private var random: SeededRandom
    private let started = ContinuousClock.now
    /// No fault and no latency configured: every plan is the empty one, which callers take without a call into
    /// the actor.
    nonisolated let injectsNothing: Bool

    /// An injector for `faults`, drawing from `seed`.
    init(faults: SimulatorConfiguration.Faults, seed: UInt64) {
        self.faults = faults
        random = SeededRandom(seed: seed, name: "faults")
        injectsNothing = faults.latencyMilliseconds == 0 && faults.errorRate == 0 && faults.throttleRate == 0
            && faults.dropRate == 0 && faults.malformedRate == 0 && faults.downAfterSeconds == nil
    }

    /// The plan for a platform request (messages, records, batches): every fault applies.
    func planForPlatform() -> Plan {
        var plan = Plan(latencyMilliseconds: faults.latencyMilliseconds)
        if isDown() {
            plan.fault = .down
        } else if random.chance(faults.dropRate) {
            plan.fault = .drop
        } else if random.chance(faults.throttleRate) {
            plan.fault = .throttle
        } else if random.chance(faults.errorRate) {
            plan.fault = .error(Bool.random(using: &random) ? 500 : 503)
        } else {
            plan.malformed = random.chance(faults.malformedRate)
        }
        return plan
    }

    /// The plan for the claims feed: only the down window and latency apply.
    func planForFeed() -> Plan {
        Plan(fault: isDown() ? .down : nil, latencyMilliseconds: faults.latencyMilliseconds)
    }

    /// Whether now lies in the down window (measured from the simulator's start, on the real clock).
    private func isDown() -> Bool {
        guard let after = faults.downAfterSeconds else { return false }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        guard seconds >= after else { return false }
        guard let length = faults.downForSeconds else { return true }
        return seconds < after + length
    }
}
