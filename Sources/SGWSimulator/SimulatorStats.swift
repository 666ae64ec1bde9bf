/// Counts the simulator answers at `GET /_sim/stats`, so tests can check what happened without parsing logs.
struct SimulatorStats: Sendable {
    /// Accepted submissions by platform (`interaction`, `credit`).
    var accepted: [String: Int] = [:]
    /// Submissions answered `duplicate`.
    var duplicates = 0
    /// Bodies answered `rejected`.
    var rejected = 0
    /// Requests answered 401.
    var unauthorized = 0
    /// Injected faults by result (`fault:drop`, `fault:malformed` …).
    var faults: [String: Int] = [:]
    /// Claim events visible in the feed.
    var eventsVisible = 0
    /// Claim events planned but not yet due.
    var eventsPending = 0

    /// The JSON object answered.
    var json: [String: Any] {
        [
            "accepted": Platform.allCases.reduce(into: [String: Int]()) { $0[$1.rawValue] = accepted[$1.rawValue] ?? 0 },
            "duplicates": duplicates, "rejected": rejected, "unauthorized": unauthorized, "faults": faults,
            "faultsTotal": faults.values.reduce(0, +),
            "events": ["visible": eventsVisible, "pending": eventsPending],
        ]
    }
}
