import Foundation

/// Work that must end by a time (`sgw deliver --max-wait`): a wave whose requests wait for a slow platform, a claims
/// feed, a pause between rounds. At the time the work is cancelled, as `sgw serve` cancels it on SIGTERM: requests
/// in flight are abandoned (reported as retries), the rest given back unsent.
enum BoundedWait {
    /// `operation`'s result; cancelled at `stopAt` and its result still awaited (a cancelled wave still reports every
    /// lease). Nil when it ended by throwing `CancellationError` after the cancellation.
    static func run<T: Sendable>(until stopAt: Date?, _ operation: @escaping @Sendable () async throws -> T) async throws -> T? {
        guard let stopAt else { return try await operation() }
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                // Ends at the time, or at once when the caller is cancelled: either way the operation is told to stop.
                try? await Task.sleep(for: .milliseconds(Int64(max(0, stopAt.timeIntervalSinceNow) * 1000)))
                return nil
            }
            var stopped = false
            while true {
                do {
                    guard let next = try await group.next() else { return nil }
                    group.cancelAll()
                    if let result = next { return result }
                    stopped = true
                } catch is CancellationError where stopped {
                    return nil
                }
            }
        }
    }

    /// Sleeps `seconds`, but not past `stopAt`.
    static func sleep(seconds: TimeInterval, until stopAt: Date?) async throws {
        let wait = min(seconds, stopAt.map { max(0, $0.timeIntervalSinceNow) } ?? seconds)
        try await Task.sleep(for: .milliseconds(Int64(wait * 1000)))
    }
}
