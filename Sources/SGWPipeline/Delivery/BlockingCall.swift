import Dispatch

/// Runs a blocking call (the store's: a write may wait for another process's transaction) on a thread of its own.
/// In `sgw` NIO's event loops are Swift's global executor, and a loop that blocks holds up every connection it serves.
public func blockingCall<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}
