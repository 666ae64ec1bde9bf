public import Foundation
import SGWCore
public import SGWFormats
public import SGWMapping
public import SGWPipeline
public import SGWStore

/// Turns the bytes of one webhook request or polled page into an `IntakeBatch`: read with the adapter's format,
/// mapped with its mapping, deliveries and deadlines planned, exactly as an imported file's records are
/// (`MapRun` with the importer's `PlannedItems`). What happened to each record is kept in order for the answer.
public struct RecordIntake: Sendable {
    /// The adapter.
    public let adapter: AdapterSpec
    /// Its mapper.
    public let mapper: Mapper
    /// The planner.
    public let planner: DeliveryPlanner
    /// Where the rejected records of a body are kept, as an import's are (`RejectsFile`): the sender was told, and an
    /// operator finds them here to replay.
    public let rejectsFolder: String?

    /// An intake for `adapter`.
    public init(adapter: AdapterSpec, mapper: Mapper, planner: DeliveryPlanner, rejectsFolder: String? = nil) {
        self.adapter = adapter
        self.mapper = mapper
        self.planner = planner
        self.rejectsFolder = rejectsFolder
    }

    /// One record of a request or page and what became of it.
    public enum RecordResult: Sendable {
        /// Mapped: its messages, to be stored.
        case mapped(location: String, items: [IngestItem])
        /// Rejected, with every reason.
        case rejected(location: String, rejections: [RecordRejection])
        /// No message of the mapping applies to it (every `when` false).
        case skipped(location: String)
    }

    /// What reading and mapping the bytes gave.
    public struct Mapped: Sendable {
        /// Each record's result, in order.
        public var records: [RecordResult]
        /// The batch to store (its `answer` and `watermark` still to be set by the caller).
        public var batch: IntakeBatch
        /// The rejects file holding the rejected records, when there were any.
        public var rejectsFile: String?
    }

    /// Reads and maps `body`, called `source` in provenance and messages (`webhook msg_…`, a page's URL). A body that
    /// cannot be read to its end (not JSON, a DTD, a truncated document) throws the reader's `FormatError` and nothing
    /// of it is kept: the sender is told, and sends it again.
    /// A body without records is an error unless `allowEmpty` (a polled page past the last record is empty).
    public func map(_ body: [UInt8], source: String, requestID: String? = nil, receivedAt: Date = .now,
                    allowEmpty: Bool = false) throws(FormatError) -> Mapped {
        var records: [RecordResult] = []
        var current: RecordResult?
        var items: [IngestItem] = []
        var messagesPerRecord: [Int] = []
        var rejections: [StoredRejection] = []
        var rejects: RejectsFile?
        var rejectsFailure: (any Error)?
        let sink = PlannedItems(origin: mapper.origin(source: source, receivedAt: receivedAt), planner: planner)
        // A small body is mapped on this thread: a webhook carries one record or a few, and handing them to worker
        // threads costs more than mapping them.
        let workers = body.count < 1 << 18 ? 0 : ProcessInfo.processInfo.activeProcessorCount
        let summary = MapRun.run(adapter: adapter, mapper: mapper, bytes: body, workers: workers, sink: sink,
                                 onOutput: { (recordItems: consuming [IngestItem]) in
            let recordItems = recordItems
            current = .mapped(location: recordItems.first?.message.envelope.provenance.location ?? "", items: recordItems)
            items += recordItems
            messagesPerRecord.append(recordItems.count)
        }, onRejection: { r in
            rejections.append(StoredRejection(r))
        }, onRejectedRecord: { item, rs in
            current = .rejected(location: rs.first?.location ?? "", rejections: rs)
            if rejects == nil, let folder = rejectsFolder {
                rejects = RejectsFile(path: (folder as NSString).appendingPathComponent(Self.rejectsName(adapter.name, requestID, receivedAt)),
                                      format: adapter.format)
            }
            do { try rejects?.add(item, rs) } catch { rejectsFailure = rejectsFailure ?? error }
        }, onRecordDone: {
            records.append(current ?? .skipped(location: "item \(records.count + 1)"))
            current = nil
        })
        if let fatal = summary.fatal {
            // MapRun calls a source without records an error (a file would be archived as done); a page past the last
            // record is one, and a request without records is told so in its own words.
            if fatal.code == FormatError.emptyCode, summary.read == 0 {
                if !allowEmpty { throw FormatError.empty("the body holds no record") }
            } else {
                throw fatal
            }
        }
        let digest = FileDigest.sha256(bytes: body)
        let batch = IntakeBatch(adapter: adapter.name, source: source, size: Int64(body.count), sha256: digest, requestID: requestID,
                                items: items, messagesPerRecord: messagesPerRecord, rejections: rejections, rows: summary.read,
                                rejected: summary.rejected, skipped: summary.skipped)
        var kept: String?
        do { kept = try rejects?.finish() } catch { rejectsFailure = rejectsFailure ?? error }
        if let rejectsFailure {
            throw FormatError.io("the rejected records could not be kept in \(rejectsFolder ?? ""): \(rejectsFailure)")
        }
        return Mapped(records: records, batch: batch, rejectsFile: kept)
    }

    /// `ADAPTER-ID.rejects.csv`: the request's id (or the time it came) in characters a file name may hold.
    static func rejectsName(_ adapter: String, _ requestID: String?, _ at: Date) -> String {
        let id = requestID ?? "\(ShanghaiTime.format(at))-\(UInt32.random(in: 0...UInt32.max))"
        let safe = String(id.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" ? Character($0) : "_" }.prefix(80))
        return "\(adapter)-\(safe).rejects.csv"
    }
}
