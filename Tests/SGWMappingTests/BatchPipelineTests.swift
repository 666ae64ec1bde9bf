import Foundation
import SGWFormats
import Synchronization
import Testing
@testable import SGWMapping

/// The pipeline's workers read and map every record once; the caller gets the batches in file order, each record
/// mapped by the worker that read it; the batch after the last record (or the error that ended the file) is the last
/// one, with the records read before the error still in it; a caller that stops early lets the workers end.
@Suite struct BatchPipelineTests {
    /// Set by `Lifetime` when it goes away.
    final class Flag: Sendable {
        private let value = Atomic(false)
        /// How many records the reader holding it has read.
        let recordsRead = Atomic(0)
        func raise() { value.store(true, ordering: .releasing) }
        var isRaised: Bool { value.load(ordering: .acquiring) }
    }

    /// Raises its flag when released, that is, when the reader holding it is.
    final class Lifetime: Sendable {
        let flag: Flag
        init(_ flag: Flag) { self.flag = flag }
        deinit { flag.raise() }
    }

    /// `count` records numbered from 1, then `error` (or the end of the file).
    struct CountingReader: RecordReader {
        let count: Int
        let error: FormatError?
        var lifetime: Lifetime?
        var n = 0
        let names = FieldNames(["n"])

        init(count: Int, error: FormatError?, lifetime: Lifetime? = nil) {
            (self.count, self.error, self.lifetime) = (count, error, lifetime)
        }

        mutating func next() throws(FormatError) -> ReadResult? {
            guard n < count else {
                if let error { throw error }
                return nil
            }
            n += 1
            lifetime?.flag.recordsRead.add(1, ordering: .relaxed)
            return .record(RawRecord(names: names, values: [String(n)], location: RecordLocation(.item, n)))
        }

        var bytesRead: Int? { n * 10 }
    }

    /// A pipeline whose "mapping" of a record is its number and the worker that mapped it (a rejection carrying
    /// both), letting go of every second record's result as `MapRun` lets go of those it mapped.
    /// `starting` is called with the worker's number before each batch is mapped.
    static func pipeline(_ reader: CountingReader, batchSize: Int, workers: Int,
                         starting: @escaping @Sendable (Int) -> Void = { _ in }) -> BatchPipeline<Int> {
        BatchPipeline(reader, batchSize: batchSize, workers: workers) { results, worker in
            starting(worker)
            return results.indices.map { i -> MapRun.Outcome<Int>? in
                guard case .record(let r)? = results[i], let n = r.values.first.flatMap({ $0.flatMap { Int($0) } }) else { return nil }
                if n % 2 == 0 { results[i] = nil }
                return .prepared(n, messages: worker)
            }
        }
    }

    func drain(_ reader: CountingReader, batchSize: Int, workers: Int = 2, starting: @escaping @Sendable (Int) -> Void = { _ in })
        -> (numbers: [Int], batches: [BatchPipeline<Int>.Batch], workersUsed: Set<Int>) {
        let pipeline = Self.pipeline(reader, batchSize: batchSize, workers: workers, starting: starting)
        var batches: [BatchPipeline<Int>.Batch] = []
        while let b = pipeline.nextBatch() { batches.append(b) }
        #expect(pipeline.nextBatch() == nil)
        var numbers: [Int] = [], workersUsed = Set<Int>()
        for b in batches {
            #expect(b.outcomes.count == b.results.count)
            for (i, outcome) in b.outcomes.enumerated() {
                guard case .prepared(let n, let worker)? = outcome else { numbers.append(-1); continue }
                numbers.append(n)
                workersUsed.insert(worker)
                // The results the mapping let go of are gone; the others are kept for the caller.
                #expect((b.results[i] == nil) == (n % 2 == 0))
            }
        }
        return (numbers, batches, workersUsed)
    }

    @Test(arguments: [0, 1, 99, 100, 101, 250, 300])
    func everyRecordOnceInOrder(count: Int) {
        let (numbers, batches, _) = drain(CountingReader(count: count, error: nil), batchSize: 100)
        #expect(numbers == (0..<count).map { $0 + 1 })
        #expect(batches.dropLast().allSatisfy { $0.results.count == 100 && !$0.isLast && $0.error == nil })
        #expect(batches.last?.isLast == true && batches.last?.results.count == count % 100)
        #expect(batches.map(\.bytesRead).last == count * 10)
    }

    /// With no worker the caller reads and maps each batch itself: the same records, in order, all mapped as worker 0.
    @Test(arguments: [0, 1, 250])
    func withoutWorkersTheCallerMapsEveryRecordInOrder(count: Int) {
        let (numbers, batches, workersUsed) = drain(CountingReader(count: count, error: nil), batchSize: 100, workers: 0)
        #expect(numbers == (0..<count).map { $0 + 1 })
        #expect(batches.last?.isLast == true)
        #expect(workersUsed.isSubset(of: [0]))
    }

    /// Many small batches through three workers: still every record once, in order, mapped by more than one worker.
    /// The scheduler alone may let one worker take every batch, so the first worker to start a batch waits until a
    /// second one has started one too; a pipeline whose workers cannot map at the same time keeps it waiting, and
    /// after 30 s the test fails instead of hanging.
    @Test func manyBatchesThroughSeveralWorkersStayInOrder() {
        /// The workers that have started a batch, and the signal that a second one has.
        final class Meeting: Sendable {
            let started = Mutex(Set<Int>())
            let second = DispatchSemaphore(value: 0)
        }
        let meeting = Meeting()
        let (numbers, _, workersUsed) = drain(CountingReader(count: 5_000, error: nil), batchSize: 7, workers: 3) { worker in
            let (isNew, count) = meeting.started.withLock { workers in (workers.insert(worker).inserted, workers.count) }
            if isNew && count == 1 {
                _ = meeting.second.wait(timeout: .now() + 30)
            } else if isNew && count == 2 {
                meeting.second.signal()
            }
        }
        #expect(numbers == Array(1...5_000))
        #expect(workersUsed.isSubset(of: [0, 1, 2]) && workersUsed.count >= 2, "workers used: \(workersUsed)")
    }

    /// The workers end with the last batch, and the reader (and what it holds) goes with them.
    @Test func theReaderIsReleasedAtTheEnd() async throws {
        let flag = Flag()
        do {
            let (numbers, _, _) = drain(CountingReader(count: 1_050, error: nil, lifetime: Lifetime(flag)), batchSize: 100)
            #expect(numbers == Array(1...1_050))
        }
        for _ in 0..<3000 where !flag.isRaised { try await Task.sleep(for: .milliseconds(10)) }
        #expect(flag.isRaised)
    }

    @Test func anErrorEndsTheFileAfterTheRecordsReadBeforeIt() {
        let error = FormatError.json("truncated", place: "byte 1234")
        let (numbers, batches, _) = drain(CountingReader(count: 230, error: error), batchSize: 100)
        #expect(numbers == Array(1...230))
        #expect(batches.count == 3)
        #expect(batches.last?.error == error && batches.last?.isLast == true && batches.last?.results.count == 30)
    }

    @Test func aCallerThatStopsEarlyLetsTheWorkersEnd() async throws {
        let flag = Flag()
        do {
            let pipeline = Self.pipeline(CountingReader(count: 1_000_000, error: nil, lifetime: Lifetime(flag)), batchSize: 10, workers: 2)
            #expect(pipeline.nextBatch()?.results.count == 10)
            // Let the workers fill every slot, so that they are waiting for room when the pipeline goes away.
            for _ in 0..<500 where flag.recordsRead.load(ordering: .relaxed) < 40 {
                try await Task.sleep(for: .milliseconds(10))
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        // The workers release the reader once they see the pipeline abandoned; at most 30 s, in steps of 10 ms.
        for _ in 0..<3000 where !flag.isRaised { try await Task.sleep(for: .milliseconds(10)) }
        #expect(flag.isRaised)
        #expect(flag.recordsRead.load(ordering: .relaxed) < 1_000_000)
    }
}
