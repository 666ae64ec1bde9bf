import Foundation
public import SGWCore
import Synchronization

/// Reloads asked for over the admin API (`POST /api/v1/reload`), handed to the `GatewaySupervisor`, which does them
/// as it does a SIGHUP's: each request waits for its answer, what now runs or the problems that kept the old
/// configuration in force.
public final class ReloadRequests: Sendable {
    /// The answer to one request.
    public typealias Answer = Result<String, ConfigProblems>

    private struct State {
        /// Passes a request's number to the supervisor; false when it can take no more.
        var handler: (@Sendable (UInt64) -> Bool)?
        var waiting: [UInt64: CheckedContinuation<Answer?, Never>] = [:]
        var next: UInt64 = 0
    }
    private let state = Mutex(State())

    /// Requests that no supervisor serves yet.
    public init() {}

    /// Asks for a reload and waits for it; nil when no supervisor serves the requests (none runs, or it stopped).
    public func reload() async -> Answer? {
        await withCheckedContinuation { (waiting: CheckedContinuation<Answer?, Never>) in
            let taken: (UInt64, @Sendable (UInt64) -> Bool)? = state.withLock { s in
                guard let handler = s.handler else { return nil }
                s.next += 1
                s.waiting[s.next] = waiting
                return (s.next, handler)
            }
            guard let taken else { return waiting.resume(returning: nil) }
            if !taken.1(taken.0) { answer(taken.0, nil) }
        }
    }

    /// The supervisor takes the requests: `handler` is given each one's number, to answer with `answer`.
    func attach(_ handler: @escaping @Sendable (UInt64) -> Bool) {
        state.withLock { $0.handler = handler }
    }

    /// Answers the request `id`.
    func answer(_ id: UInt64, _ answer: Answer?) {
        state.withLock { $0.waiting.removeValue(forKey: id) }?.resume(returning: answer)
    }

    /// The supervisor stopped: requests waiting and new ones are answered nil.
    func detach() {
        let waiting = state.withLock { s in
            s.handler = nil
            defer { s.waiting = [:] }
            return s.waiting
        }
        for w in waiting.values { w.resume(returning: nil) }
    }
}
