import Foundation
public import SGWStore
import SGWPipeline

/// Stores intake batches from concurrent requests together: while one transaction commits, the batches that arrive
/// wait, and the next transaction takes all of them. Each caller is answered when the commit holding its batch is
/// durable, so a webhook's `202` never precedes its records; under load one fsync serves many requests.
public actor GroupCommit {
    private let store: any IntakeStore
    private let maxBatches: Int
    private var waiting: [(batch: IntakeBatch, continuation: CheckedContinuation<IntakeResult, any Error>)] = []
    private var committing = false

    /// Commits into `store`, at most `maxBatches` batches a transaction.
    public init(store: any IntakeStore, maxBatches: Int = 256) {
        self.store = store
        self.maxBatches = maxBatches
    }

    /// Stores `batch` and returns once its transaction is durable.
    public func commit(_ batch: IntakeBatch) async throws -> IntakeResult {
        try await withCheckedThrowingContinuation { continuation in
            waiting.append((batch, continuation))
            if !committing {
                committing = true
                Task { await drain() }
            }
        }
    }

    private func drain() async {
        while !waiting.isEmpty {
            let group = Array(waiting.prefix(maxBatches))
            waiting.removeFirst(group.count)
            let store = self.store
            let batches = group.map(\.batch)
            do {
                let results = try await blockingCall { try store.intake(batches, at: Date()) }
                for (w, r) in zip(group, results) { w.continuation.resume(returning: r) }
            } catch _ where group.count > 1 {
                // One batch must not fail the others: each is tried alone, and only its own caller hears of its error.
                for w in group {
                    do {
                        let batch = w.batch
                        let result = try await blockingCall { try store.intake([batch], at: Date()) }
                        w.continuation.resume(returning: result[0])
                    } catch {
                        w.continuation.resume(throwing: error)
                    }
                }
            } catch {
                for w in group { w.continuation.resume(throwing: error) }
            }
        }
        committing = false
    }
}
