import Dispatch
import Foundation
import SGWStore

/// Stores an import's chunks on a thread of its own, in order, while the next records are read and mapped.
///
/// The store's one writer then works while both cores map, instead of the two taking turns with a core idle.
/// At most `depth` chunks wait, so memory stays bounded whatever the file's size. A chunk is still one
/// transaction, committed in file order; after a failure the later chunks are dropped (never stored out of order)
/// and the error is reported by `finish()`.
///
/// Synchronous: `write` and `finish` block the calling thread, so they are for the import's own thread, not for
/// async code. Hence a serial dispatch queue and a semaphore, not an async channel, which would need an async caller.
final class ChunkWriter: @unchecked Sendable {
    // @unchecked: `counts` and `failure` are only touched under `lock`; everything else is immutable.
    private let store: any MessageStore
    private let importID: Int64
    private let at: Date
    private let queue = DispatchQueue(label: "sgw.import.store")
    private let slots: DispatchSemaphore
    private let lock = NSLock()
    private var counts = IngestCounts()
    private var failure: (any Error)?
    /// Chunks stored, handed back so that the calling thread frees them: freeing a chunk's messages (their strings and
    /// arrays) is work the store's thread, the import's slower side, need not do.
    private var stored: [[IngestItem]] = []

    init(store: any MessageStore, importID: Int64, at: Date, depth: Int = 2) {
        self.store = store
        self.importID = importID
        self.at = at
        // Created at 0 and signalled `depth` times, as in BatchPipeline: libdispatch stops the process when a semaphore
        // goes away with a value below its starting one. Defensive here (a queued chunk holds the writer), so that a
        // later early return cannot bring that crash back.
        slots = DispatchSemaphore(value: 0)
        for _ in 0..<depth { slots.signal() }
    }

    /// Whether a chunk failed to store: the caller stops handing chunks over (the file is still read to its end,
    /// and the error reported by `finish()`).
    var failed: Bool { lock.withLock { failure != nil } }

    /// Queues a chunk; waits while `depth` chunks are already waiting.
    func write(_ items: consuming [IngestItem], messagesPerRecord: [Int], rejections: [StoredRejection]) {
        slots.wait()
        let spent = lock.withLock { () -> [[IngestItem]] in defer { stored = [] }; return stored }
        _ = consume spent  // freed here, on the caller's thread
        let chunk = Chunk(items: items)
        queue.async { [self] in
            defer { slots.signal() }
            guard !failed, let items = chunk.take() else { return }
            do {
                let outcomes = try store.ingest(items, rejections: rejections, importID: importID, at: at)
                let written = IngestCounts(outcomes: outcomes, messagesPerRecord: messagesPerRecord)
                lock.withLock { counts += written; stored.append(items) }
            } catch {
                lock.withLock { failure = failure ?? error }
            }
        }
    }

    /// Waits for every queued chunk; the counts of the stored records, or the first error.
    func finish() throws -> IngestCounts {
        queue.sync {}
        return try lock.withLock {
            if let failure { throw failure }
            return counts
        }
    }
}

/// A chunk's items on their way to the store's thread, taken out there so that the closure that carried them does not
/// hold the last reference (the store's thread would free them when the closure goes).
private final class Chunk: @unchecked Sendable {
    // @unchecked: written once here, taken once on the store's queue.
    private var items: [IngestItem]?

    init(items: consuming [IngestItem]) { self.items = items }

    func take() -> [IngestItem]? {
        defer { items = nil }
        return items
    }
}
