public import Foundation
public import SGWCore
public import SGWFormats
import Synchronization

/// A rejected record as `sgw map` and the rejects files report it: the file, the row as a spreadsheet shows it,
/// the field, a code and a plain message; personal data masked.
public struct RecordRejection: Sendable, Hashable, Codable {
    /// The file.
    public var file: String
    /// `row 5`, `element 3 (line 40)`, `item 12`.
    public var location: String
    /// The row number for spreadsheet-like sources, the element or item number otherwise.
    public var row: Int
    /// The canonical or source field; empty when the whole record is unreadable.
    public var field: String
    /// The rejection code.
    public var code: String
    /// The reason.
    public var message: String
}

/// Reads one file through an adapter's format and mapping, record by record, handing each result to the caller.
public struct MapRun {
    /// Counts of one run.
    public struct Summary: Sendable, Hashable {
        /// Records read (mapped plus rejected).
        public var read = 0
        /// Records mapped.
        public var mapped = 0
        /// Records rejected.
        public var rejected = 0
        /// Records that no message of the mapping applied to (every `when` false): read, kept out of both counts.
        public var skipped = 0
        /// Messages produced.
        public var messages = 0
        /// Source fields the mapping reads that the first record's header does not have (a renamed column).
        public var missingFields: [String] = []
        /// Field names that occur twice in a record (a header with two columns of one name, a JSON key twice): a
        /// warning, and the records are rejected where the mapping reads such a field.
        public var duplicateFields: [String] = []
        /// Set when the file could not be read to its end, or held no record at all.
        public var fatal: FormatError?

        public var line: String { "read \(read), mapped \(mapped), rejected \(rejected)" + (skipped > 0 ? ", skipped \(skipped)" : "") }
    }

    /// Records read and mapped together by one worker: large enough that taking turns at the reader costs little,
    /// small enough to bound memory (at most one more batch than workers is held).
    public static let batchSize = 2048

    /// Maps `path`; `onMessage` and `onRejection` are called in file order. Records are read and mapped in batches by
    /// `workers` threads (default one per core), each batch by one of them (`BatchPipeline`), and reported in order on
    /// the calling thread.
    public static func run(adapter: AdapterSpec, mapper: Mapper, path: String, receivedAt: Date = .now,
                           workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                           onMessage: (CanonicalMessage) -> Void, onRejection: (RecordRejection) -> Void,
                           onRejectedRecord: (ReadResult, [RecordRejection]) -> Void = { _, _ in },
                           onRecordDone: () -> Void = {}, onBatch: (_ rows: Int, _ bytesRead: Int?) -> Void = { _, _ in }) -> Summary {
        run(adapter: adapter, mapper: mapper, workers: workers, sink: MessageCollector(origin: mapper.origin(source: path, receivedAt: receivedAt)),
            onOutput: { $0.forEach(onMessage) }, onRejection: onRejection,
            onRejectedRecord: onRejectedRecord, onRecordDone: onRecordDone, onBatch: onBatch)
    }

    /// Maps the file the sink's origin names (`sink.origin.source`), as above, and turns each record's messages into
    /// what the caller consumes (their output lines, the items to store): `sink` adds each message to the record's
    /// output, on the mapping threads, and `onOutput` gets each accepted record's in file order. What the caller does
    /// in file order then stays small, and the cores are not left idle while it runs; one output a record, not one
    /// value a message, saves an allocation or two a record (`sgw map`: one buffer for a record's two lines). The sink
    /// must have no effects beyond the output: it runs as each message is made, so a record rejected by a later
    /// message spec has had its earlier ones added, and its output is dropped.
    /// With `bytes`, the records are read from them (a webhook's body, a polled page) instead of the file, and
    /// `sink.origin.source` only names them. `batchSize` records are mapped at a time (see `MapRun.batchSize`).
    public static func run<Sink: MessageSink>(adapter: AdapterSpec, mapper: Mapper, bytes: [UInt8]? = nil,
                                              workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                                              batchSize: Int = MapRun.batchSize, sink: Sink,
                                              onOutput: (consuming Sink.Output) -> Void, onRejection: (RecordRejection) -> Void,
                                              onRejectedRecord: (ReadResult, [RecordRejection]) -> Void = { _, _ in },
                                              onRecordDone: () -> Void = {},
                                              onBatch: (_ rows: Int, _ bytesRead: Int?) -> Void = { _, _ in }) -> Summary {
        let path = sink.origin.source
        var summary = Summary()
        let pipeline: BatchPipeline<Sink.Output>
        let duplicates = Mutex<[String]>([])
        do {
            let states = WorkerStates(count: max(1, workers))  // 0 workers: the caller maps, with state 0
            let reader: any RecordReader
            if let bytes {
                reader = try adapter.reader(bytes: bytes, name: path, fields: mapper.sourceFields)
            } else {
                reader = try adapter.reader(path: path, fields: mapper.sourceFields)
            }
            pipeline = BatchPipeline(reader, batchSize: batchSize, workers: max(0, workers)) { batch, worker in
                states.withState(worker) { state in
                    batch.indices.map { i -> Outcome<Sink.Output>? in
                        guard case .record(let r)? = batch[i] else { return nil }
                        if !r.names.duplicates.isEmpty { Self.note(r.names.duplicates, in: duplicates) }
                        let outcome = mapper.map(r, state: &state, sink: sink)
                        // A mapped record is needed no more (the first, for the fields its header lacks, excepted).
                        if case .prepared = outcome, i > 0 { batch[i] = nil }
                        return outcome
                    }
                }
            }
        } catch {
            summary.fatal = error
            return summary
        }
        while var batch = pipeline.nextBatch() {
            // By index, each outcome moved out and each record read only where it is needed: iterating the pairs copied
            // every record, retaining its field names, which every thread's records share (one contended count).
            for i in batch.results.indices {
                summary.read += 1
                switch batch.outcomes[i].take() {
                case .prepared(_, messages: 0)?:
                    summary.skipped += 1
                case .prepared(let output, let count)?:
                    if summary.read == 1, case .record(let record)? = batch.results[i] {
                        summary.missingFields = mapper.missingSources(in: record.names)
                    }
                    summary.mapped += 1
                    summary.messages += count
                    // Handed over, not copied: a copy retained what another thread made.
                    onOutput(consume output)
                case .rejected(let rs)?:
                    guard case .record(let record)? = batch.results[i] else { break }
                    summary.rejected += 1
                    let rejections = rs.map {
                        RecordRejection(file: path, location: record.location.description, row: record.location.number,
                                        field: $0.field, code: $0.code.rawValue, message: $0.message)
                    }
                    rejections.forEach(onRejection)
                    onRejectedRecord(.record(record), rejections)
                case nil:
                    // Only an unreadable record has no outcome. One that swallowed lines (a stray quote) counts as
                    // every row it took, so that rows = accepted + duplicates + updated + rejected.
                    guard case .unreadable(let u)? = batch.results[i] else { break }
                    summary.read += u.location.rows - 1
                    summary.rejected += u.location.rows
                    let r = RecordRejection(file: path, location: u.location.description, row: u.location.number, field: "",
                                            code: u.code, message: Masking.text(u.message))
                    onRejection(r)
                    onRejectedRecord(.unreadable(u), [r])
                }
                onRecordDone()
            }
            if let error = batch.error { summary.fatal = error }
            if !batch.isLast { onBatch(summary.read, batch.bytesRead) }
        }
        summary.duplicateFields = duplicates.withLock { $0 }
        if summary.read == 0 && summary.fatal == nil { summary.fatal = noRecords(path: path, format: adapter.format) }
        return summary
    }

    /// A file that yields no record is an error, never a success: an import would archive it as done (a CSV whose
    /// line ends were not understood read as 0 rows).
    static func noRecords(path: String, format: AdapterSpec.Format) -> FormatError {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        if size == 0 { return FormatError.empty("the file is empty") }
        let what = switch format {
        case .csv, .xlsx: "the file has no rows below its header"
        case .xml(let f): "no element of the file is at record_path '\(f.recordPath)'"
        case .json(let f) where f.lines: "the file has no JSON lines"
        case .json(let f): "the list at '\(f.recordsPath)' is empty"
        }
        return FormatError.empty(what + "; a file that holds no records is not imported")
    }

    /// Adds duplicate field names to the run's warning, a few of them.
    static func note(_ names: [String], in list: borrowing Mutex<[String]>) {
        list.withLock { seen in
            for n in names where seen.count < 20 && !seen.contains(n) { seen.append(n) }
        }
    }

    /// Each worker's `Mapper.State`, in storage of their own, used only by that worker: the reason the unchecked
    /// Sendable is safe (an array's elements reached from two threads at once would be two accesses to the array).
    final class WorkerStates: @unchecked Sendable {
        private let states: UnsafeMutableBufferPointer<Mapper.State>
        init(count: Int) {
            states = .allocate(capacity: count)
            _ = states.initialize(fromContentsOf: (0..<count).map { _ in Mapper.State() })
        }
        func withState<T>(_ worker: Int, _ body: (inout Mapper.State) -> T) -> T { body(&states[worker]) }
        deinit {
            states.deinitialize()
            states.deallocate()
        }
    }

    /// A record's outcome: the output of its messages and how many they were, or why it was rejected.
    enum Outcome<Output> {
        case prepared(Output, messages: Int)
        case rejected([Rejection])
    }
}
