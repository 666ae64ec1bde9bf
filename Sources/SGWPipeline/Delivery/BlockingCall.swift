import Dispatch

/// Runs a blocking call (the store's: a write may wait for another process's transaction) on a thread of its own,
/// off Swift's cooperative pool, which has only as many threads as cores and is needed by the HTTP client and the
/// callback server meanwhile.
public func blockingCall<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}
