import Foundation
import SGWFormats
import Synchronization
import Testing
@testable import SGWMapping

/// The read-ahead thread hands over every record once, in order, in batches; the batch after the last record (or
/// the error that ended the file) is the last one, with the records read before the error still in it; a caller
/// that stops early lets the thread end.
@Suite struct ReadAheadTests {
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

    func drain(_ reader: CountingReader, batchSize: Int) -> (numbers: [Int], batches: [ReadAhead.Batch]) {
        let ahead = ReadAhead(reader, batchSize: batchSize)
        var batches: [ReadAhead.Batch] = []
        while let b = ahead.next() { batches.append(b) }
        #expect(ahead.next() == nil)
        let numbers = batches.flatMap(\.results).map { r -> Int in
            if case .record(let rec) = r { Int(rec.values[0] ?? "") ?? -1 } else { -1 }
        }
        return (numbers, batches)
    }

    @Test(arguments: [0, 1, 99, 100, 101, 250, 300])
    func everyRecordOnceInOrder(count: Int) {
        let (numbers, batches) = drain(CountingReader(count: count, error: nil), batchSize: 100)
        #expect(numbers == (0..<count).map { $0 + 1 })
        #expect(batches.dropLast().allSatisfy { $0.results.count == 100 && !$0.isLast && $0.error == nil })
        #expect(batches.last?.isLast == true && batches.last?.results.count == count % 100)
        #expect(batches.map(\.bytesRead).last == count * 10)
    }

    /// Batches handed back for the reading thread to free (as `MapRun` hands back each one) disturb neither the
    /// records handed over after them nor the thread's end.
    @Test func batchesHandedBackLeaveTheRestInOrder() async throws {
        let flag = Flag()
        var numbers: [Int] = []
        do {
            let ahead = ReadAhead(CountingReader(count: 1_050, error: nil, lifetime: Lifetime(flag)), batchSize: 100)
            while var batch = ahead.next() {
                for case .record(let r) in batch.results { numbers.append(Int(r.values[0] ?? "") ?? -1) }
                let results = batch.results
                batch.results = []
                ahead.recycle(results)
            }
        }
        #expect(numbers == Array(1...1_050))
        for _ in 0..<3000 where !flag.isRaised { try await Task.sleep(for: .milliseconds(10)) }
        #expect(flag.isRaised)
    }

    @Test func anErrorEndsTheFileAfterTheRecordsReadBeforeIt() {
        let error = FormatError(code: "json", message: "truncated", place: "byte 1234")
        let (numbers, batches) = drain(CountingReader(count: 230, error: error), batchSize: 100)
        #expect(numbers == Array(1...230))
        #expect(batches.count == 3)
        #expect(batches.last?.error == error && batches.last?.isLast == true && batches.last?.results.count == 30)
    }

    @Test func aCallerThatStopsEarlyLetsTheThreadEnd() async throws {
        let flag = Flag()
        do {
            let ahead = ReadAhead(CountingReader(count: 1_000_000, error: nil, lifetime: Lifetime(flag)), batchSize: 10)
            #expect(ahead.next()?.results.count == 10)
            // Let the thread fill the slot again and read one more batch, so that it is waiting for the slot when the
            // read-ahead goes away (the state in which a semaphore created at 1 once stopped the process).
            for _ in 0..<500 where flag.recordsRead.load(ordering: .relaxed) < 30 {
                try await Task.sleep(for: .milliseconds(10))
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        // The thread releases the reader once it sees it was abandoned; at most 30 s, in steps of 10 ms.
        for _ in 0..<3000 where !flag.isRaised { try await Task.sleep(for: .milliseconds(10)) }
        #expect(flag.isRaised)
    }
}
