public import Foundation
public import SGWCore
public import SGWMapping
public import SGWStore

/// Imports files through an adapter into the store: read, map, plan deliveries, and store in chunks of records,
/// one transaction each (stored by a `ChunkWriter` while the next records are mapped), so that a record is stored
/// whole or not at all and a crash loses at most the chunks under way (the same command again finds the stored
/// records as duplicates).
public struct Importer: Sendable {
    /// The store.
    public let store: any MessageStore
    /// The planner.
    public let planner: DeliveryPlanner
    /// Records per transaction.
    public var chunkSize = 1_000

    /// Records mapped at a time: smaller than `sgw map`'s, since a record's items (its messages with their bodies and
    /// planned work) outweigh its output lines, a batch is held by every worker and the store, not the mapping,
    /// sets the import's pace.
    static let mappingBatch = 1024

    /// An importer.
    public init(store: any MessageStore, planner: DeliveryPlanner) {
        self.store = store
        self.planner = planner
    }

    /// Progress while a file is imported.
    public struct Progress: Sendable {
        /// Records read so far.
        public var rows: Int
        /// Time since the import started.
        public var elapsed: TimeInterval
        /// Bytes of the file read, when the format tells, and the file's size.
        public var bytesRead: Int?
        /// The file's size in bytes.
        public var size: Int64

        /// The share of the file read, 0...1, when known.
        public var fraction: Double? { bytesRead.map { size > 0 ? min(1, Double($0) / Double(size)) : 1 } }

        /// Seconds left at the current rate, when known.
        public var remaining: TimeInterval? {
            guard let f = fraction, f > 0.01 else { return nil }
            return elapsed * (1 - f) / f
        }
    }

    /// Imports `path` and returns its import record, the rejects file written into `rejectsFolder` when rows were
    /// rejected, and the last finished import of the same file (same adapter and SHA-256), if any; `progress` is
    /// called after each chunk. A file imported before gets no rejects file.
    public func importFile(adapter: AdapterSpec, mapper: Mapper, path: String, now: Date = .now, rejectsFolder: String? = nil,
                           progress: (Progress) -> Void = { _ in }) throws
        -> (record: ImportRecord, rejects: String?, sameFileBefore: ImportRecord?) {
        let started = Date()
        let (sha256, size) = try FileDigest.sha256(path: path)
        let sameFileBefore = try store.finishedImport(adapter: adapter.name, sha256: sha256)
        var record = ImportRecord(id: try store.startImport(adapter: adapter.name, file: path, size: size, sha256: sha256, at: now),
                                  adapter: adapter.name, file: path, size: size, sha256: sha256, startedAt: now)
        // A file imported before gets no second rejects file: its rejected rows are those of the first import, whose
        // rejects file the sender has (`rejectsPath(folder:importID:file:)` names it).
        let rejectsFile = sameFileBefore == nil ? rejectsFolder.map {
            RejectsFile(path: Self.rejectsPath(folder: $0, importID: record.id, file: path), format: adapter.format)
        } : nil
        let writer = ChunkWriter(store: store, importID: record.id, at: now)
        var items: [IngestItem] = []
        var messagesPerRecord: [Int] = []
        var rejections: [StoredRejection] = []
        var recordsInChunk = 0
        var failure: (any Error)?  // of the rejects file; the writer keeps its own
        func flush() {
            guard !items.isEmpty || !rejections.isEmpty else { return }
            if failure == nil, !writer.failed { writer.write(items, messagesPerRecord: messagesPerRecord, rejections: rejections) }
            items = []
            messagesPerRecord = []
            items.reserveCapacity(chunkSize * 2)  // a record often gives two messages (an approval and its 双公示 record)
            rejections = []
            recordsInChunk = 0
        }
        let sink = PlannedItems(origin: mapper.origin(source: path, receivedAt: now), planner: planner)
        let summary = MapRun.run(adapter: adapter, mapper: mapper, batchSize: Self.mappingBatch, sink: sink, onOutput: { (recordItems: consuming [IngestItem]) in
            let before = items.count
            items += recordItems
            messagesPerRecord.append(items.count - before)
        }, onRejection: { r in
            rejections.append(StoredRejection(r))
        }, onRejectedRecord: { item, rs in
            do { try rejectsFile?.add(item, rs) } catch { failure = failure ?? error }
        }, onRecordDone: {
            recordsInChunk += 1
            if recordsInChunk >= chunkSize { flush() }
        }, onBatch: { rows, bytes in
            progress(Progress(rows: rows, elapsed: Date().timeIntervalSince(started), bytesRead: bytes, size: size))
        })
        flush()
        let stored = try writer.finish()
        if let failure { throw failure }
        record.stored = stored
        if let fatal = summary.fatal { throw ImportError.unreadable(file: path, cause: fatal, recordsBefore: summary.read) }
        record.rows = summary.read
        record.rejected = summary.rejected
        record.skipped = summary.skipped
        record.finishedAt = Date()
        try store.finishImport(record)
        progress(Progress(rows: summary.read, elapsed: Date().timeIntervalSince(started), bytesRead: Int(size), size: size))
        return (record, try rejectsFile?.finish(), sameFileBefore)
    }
}

extension Importer {
    /// The rejects file of import `importID` of `file` in `folder`: `ID-NAME.rejects.csv`.
    public static func rejectsPath(folder: String, importID: Int64, file: String) -> String {
        (folder as NSString).appendingPathComponent("\(importID)-\((file as NSString).lastPathComponent).rejects.csv")
    }
}

/// Each message of a record with its deliveries planned, as the store takes it: the sink of every source.
public struct PlannedItems: MessageSink {
    /// What every message of the run shares.
    public let origin: MessageOrigin
    let planner: DeliveryPlanner

    /// A sink planning with `planner`.
    public init(origin: MessageOrigin, planner: DeliveryPlanner) {
        self.origin = origin
        self.planner = planner
    }

    public func makeOutput() -> [IngestItem] { [] }

    public func append<Content: MessageContent>(_ content: consuming Content, _ parts: consuming MessageParts, to items: inout [IngestItem]) {
        items.append(planner.plan(parts.message(content, from: origin)))
    }
}
