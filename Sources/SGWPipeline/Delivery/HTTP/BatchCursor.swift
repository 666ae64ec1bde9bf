import Synchronization

/// Hands out the batches of a wave in order to the senders that share it.
final class BatchCursor: Sendable {
    private let next = Mutex(0)

    /// The next index below `count`, or nil when none is left.
    func take(below count: Int) -> Int? {
        next.withLock { i in
            guard i < count else { return nil }
            defer { i += 1 }
            return i
        }
    }
}
