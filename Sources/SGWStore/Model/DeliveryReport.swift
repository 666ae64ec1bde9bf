public import SGWCore

/// What a worker reports about one leased delivery.
public struct DeliveryReport: Sendable {
    /// The lease it reports on.
    public var lease: DeliveryLease
    /// Success or failure, as the state machine takes it.
    public var event: DeliveryStateMachine.Event
    /// A number in [0, 1) for the backoff's jitter.
    public var jitter: Double
    /// The platform's receipt on success.
    public var receipt: String?
    /// The platform had the message already (a retry after a lost answer): delivered, counted apart.
    public var duplicate = false
    /// What happened, in plain words (`HTTP 503`, `accepted`, `connection refused`).
    public var detail: String
    /// Why it failed, with a stable code; nil on success.
    public var problem: DeliveryProblem?
    /// The request and the answer, kept with a dead letter for the operator.
    public var request: String?
    /// The answer.
    public var response: String?
    /// Deadlines counted from the push (the claim, the feedback window) that start again at the acknowledgement.
    public var restartedDeadlines: [PlannedDeadline]

    /// A report.
    public init(lease: DeliveryLease, event: DeliveryStateMachine.Event, jitter: Double, receipt: String? = nil,
                detail: String, problem: DeliveryProblem? = nil, request: String? = nil, response: String? = nil,
                restartedDeadlines: [PlannedDeadline] = []) {
        self.lease = lease
        self.event = event
        self.jitter = jitter
        self.receipt = receipt
        self.detail = detail
        self.problem = problem
        self.request = request
        self.response = response
        self.restartedDeadlines = restartedDeadlines
    }
}

extension DeliveryReport {
    /// A permanent failure found before any request (the message cannot be sent as it is): a dead letter for `problem`.
    public static func parked(_ lease: DeliveryLease, _ problem: DeliveryProblem, jitter: Double = 0) -> DeliveryReport {
        DeliveryReport(lease: lease, event: .failed(.permanent(reason: problem.message)), jitter: jitter, detail: problem.message,
                       problem: problem)
    }
}
