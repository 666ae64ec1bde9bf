import Dispatch
import SGWFormats
import Synchronization

/// Reads a file's records in batches on worker threads, each batch read and mapped by the same worker, and hands the
/// mapped batches to the caller in file order.
///
/// Why one worker reads and maps its batch: a record's strings are then made, read and freed in that worker's cache
/// and malloc arena, no core waits for another to hand it cells, and the caller only reports. Reading stays serial:
/// a worker holds the reader only while it reads its batch, and the others map theirs meanwhile
/// (docs/benchmarks.md, Mapping).
///
/// Memory stays bounded: at most `workers + 1` batches are read and not yet taken. A caller that stops taking
/// batches lets the workers end when it lets go of the pipeline, and the reader with them.
///
/// Hand-written (numbered slots and semaphores): the workers and the caller are threads that block, and each batch
/// waits in the slot of its number so the caller takes them in file order whichever worker ends first; neither a
/// `Deque` nor an async channel gives that order to synchronous callers.
final class BatchPipeline<Output> {
    /// A batch as the caller receives it: its records' results (nil for those the mapping let go of), each record's
    /// outcome (nil for one that could not be read), and how the file stood after it.
    struct Batch {
        var results: [ReadResult?]
        var outcomes: [MapRun.Outcome<Output>?]
        var bytesRead: Int?
        /// Why the file could not be read further, after these records.
        var error: FormatError?
        /// The end of the file (or the error): no batch follows.
        var isLast: Bool
    }

    private let shared: PipelineState<Output>
    private let workers: Int
    private let batchSize: Int
    /// The mapping, when the caller maps each batch itself (no workers).
    private let inline: ((inout [ReadResult?]) -> [MapRun.Outcome<Output>?])?
    /// The number of the next batch to hand over; nil after the last.
    private var next: Int? = 0

    /// Starts `workers` threads (none: see `inline`) reading `reader` `batchSize` records at a time, each mapping its batch with `map`
    /// (given the batch's results and the worker's number, from 0). `map` sets to nil the results the caller will not
    /// need, so that they are freed by the thread that made them: freed by the caller, each record's strings would
    /// take a lock of the worker's malloc arena, thousands of times a second.
    init(_ reader: any RecordReader, batchSize: Int, workers: Int,
         map: @escaping @Sendable (_ results: inout [ReadResult?], _ worker: Int) -> [MapRun.Outcome<Output>?]) {
        precondition(batchSize > 0 && workers >= 0, "a batch holds at least one record")
        self.workers = workers
        self.batchSize = batchSize
        let shared = PipelineState<Output>(reader: reader, slots: workers + 1)
        self.shared = shared
        // No worker: the caller reads and maps each batch in `nextBatch()` (a webhook's few records, where handing the
        // work to another thread costs more than the work).
        inline = workers == 0 ? { map(&$0, 0) } : nil
        for w in 0..<workers {
            DispatchQueue.global(qos: .userInitiated).async(group: shared.workersDone) {
                shared.work(batchSize: batchSize) { map(&$0, w) }
            }
        }
    }

    /// The next batch in file order; nil after the last one. After the last one, the workers have ended.
    func nextBatch() -> Batch? {
        guard let n = next else { return nil }
        if let inline {
            guard var batch = shared.read(batchSize)?.1 else { return nil }
            batch.outcomes = inline(&batch.results)
            next = batch.isLast ? nil : n + 1
            return batch
        }
        let batch = shared.take(n)
        next = batch.isLast ? nil : n + 1
        if batch.isLast { shared.workersDone.wait() }
        return batch
    }

    deinit {
        guard next != nil else { return }
        shared.abandoned.store(true, ordering: .releasing)
        // Wakes every worker waiting for room; each sees the pipeline abandoned and ends.
        for _ in 0..<workers { shared.room.signal() }
    }
}

/// What a pipeline's workers and its caller share. The workers hold it, not the pipeline, so that a caller letting go
/// of the pipeline can tell them to end.
private final class PipelineState<Output>: @unchecked Sendable {
    /// The reader and where reading stands. Only used under the lock, by one worker at a time: the reason the unchecked
    /// Sendable is safe.
    struct Reading: @unchecked Sendable {
        var reader: any RecordReader
        /// The number of the next batch.
        var next = 0
        /// The last batch has been read.
        var finished = false
    }

    let reading: Mutex<Reading>
    /// The batches mapped and not yet taken, at their number modulo the slot count, in storage of their own: a slot
    /// is written by the worker that mapped its batch and read by the caller, `ready` hands it over, and `room` keeps a
    /// worker from reading a batch whose slot is still taken. That hand-over makes the unchecked Sendable safe (the
    /// elements of an array written from two threads would be two accesses to the array).
    private let slots: UnsafeMutableBufferPointer<BatchPipeline<Output>.Batch?>
    private let ready: [DispatchSemaphore]
    /// Batches that may be read before the caller takes earlier ones. Every semaphore here is created at 0 (this one
    /// then signalled once a slot): libdispatch stops the process when a semaphore goes away with a value below the
    /// one it was created with, which is how an abandoned pipeline leaves them.
    let room = DispatchSemaphore(value: 0)
    let abandoned = Atomic(false)
    let workersDone = DispatchGroup()

    init(reader: any RecordReader, slots count: Int) {
        reading = Mutex(Reading(reader: reader))
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
        ready = (0..<count).map { _ in DispatchSemaphore(value: 0) }
        for _ in 0..<count { room.signal() }
    }

    /// A worker's loop: reads a batch, maps it, hands it over; until the last batch has been read or the pipeline is
    /// abandoned.
    func work(batchSize: Int, map: (inout [ReadResult?]) -> [MapRun.Outcome<Output>?]) {
        while true {
            room.wait()
            guard !abandoned.load(ordering: .acquiring), let (n, read) = read(batchSize) else {
                room.signal()  // for the next worker to see the same
                return
            }
            var batch = read
            batch.outcomes = map(&batch.results)
            slots[n % slots.count] = batch
            ready[n % slots.count].signal()
        }
    }

    /// The next batch read, with its number; nil once the last one was read (by any worker).
    func read(_ batchSize: Int) -> (Int, BatchPipeline<Output>.Batch)? {
        reading.withLock { state in
            guard !state.finished else { return nil }
            var results: [ReadResult?] = []
            results.reserveCapacity(batchSize)
            var failure: FormatError?
            do throws(FormatError) {
                while results.count < batchSize, let r = try state.reader.next() { results.append(r) }
            } catch {
                failure = error
            }
            state.finished = failure != nil || results.count < batchSize
            defer { state.next += 1 }
            return (state.next, BatchPipeline.Batch(results: results, outcomes: [], bytesRead: state.reader.bytesRead,
                                                    error: failure, isLast: state.finished))
        }
    }

    /// Batch `n`, once mapped; its slot is free again.
    func take(_ n: Int) -> BatchPipeline<Output>.Batch {
        ready[n % slots.count].wait()
        let batch = slots[n % slots.count].take()!
        room.signal()
        return batch
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }
}
