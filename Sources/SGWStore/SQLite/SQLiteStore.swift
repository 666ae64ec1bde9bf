public import Foundation
import GRDB
import SGWCore

/// The embedded store: one SQLite file in WAL mode, through GRDB.
///
/// Durability: `synchronous=FULL`, in WAL mode one fsync of the log per commit: a commit that returned survives a
/// power cut, which is what lets a webhook be answered and an import archive its file right after. An import's
/// chunks alone commit with `NORMAL` (`ingest`); its last commit syncs them (docs/operations.md).
public struct SQLiteStore: MessageStore {
    private let pool: any DatabaseWriter
    /// The database, for every call of the store; debug builds stop a call made on an event loop (`EventLoopCheck`).
    var writer: any DatabaseWriter {
        EventLoopCheck.assertMayBlock("a store call")
        return pool
    }

    /// The log size, in 4 KiB pages, at which the commit that reaches it copies the log into the database (SQLite's
    /// automatic checkpoint). An import commits large chunks and then ends: fewer, larger checkpoints. A gateway's
    /// commits answer webhooks, and each checkpoint holds up its commit's senders: smaller ones (docs/benchmarks.md).
    public static let importCheckpointPages = 8192
    /// See `importCheckpointPages`: 12 MiB of log, for `sgw serve` (a balance of its answers' rate and p99).
    public static let serviceCheckpointPages = 3000

    /// Opens (creating when needed) the store at `path` and migrates it.
    public init(path: String, checkpointPages: Int = SQLiteStore.importCheckpointPages) throws {
        try self.init(path: path, checkpointPages: checkpointPages, statements: nil)
    }

    /// With `statements`, every statement's SQL text is handed to it as it runs (the query-plan test lists them).
    init(path: String, checkpointPages: Int = SQLiteStore.importCheckpointPages, statements: (@Sendable (String) -> Void)?) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        var config = Configuration()
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA cache_size = -32768")  // 32 MiB: index updates of a large import stay in memory
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(max(1, checkpointPages))")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            if let statements {
                db.trace(options: .statement) { event in
                    if case .statement(let s) = event { statements(s.sql) }
                }
            }
        }
        config.busyMode = .timeout(10)
        pool = try DatabasePool(path: path, configuration: config)
        try Self.migrator.migrate(pool)
    }

    /// The store at `folder/sgw.sqlite`.
    public init(dataFolder: String, checkpointPages: Int = SQLiteStore.importCheckpointPages) throws {
        try self.init(path: (dataFolder as NSString).appendingPathComponent("sgw.sqlite"), checkpointPages: checkpointPages)
    }

    public func startImport(adapter: String, file: String, size: Int64, sha256: String, at: Date) throws -> Int64 {
        try writer.write { db in
            try db.execute(sql: """
                INSERT INTO import (adapter, file, size, sha256, startedAt) VALUES (?, ?, ?, ?, ?)
                """, arguments: [adapter, file, size, sha256, at.timeIntervalSince1970])
            return db.lastInsertedRowID
        }
    }

    public func finishedImport(adapter: String, sha256: String) throws -> ImportRecord? {
        try writer.read { db in
            try Row.fetchOne(db, sql: """
                SELECT * FROM import WHERE adapter = ? AND sha256 = ? AND finishedAt IS NOT NULL ORDER BY id DESC LIMIT 1
                """, arguments: [adapter, sha256]).map(Self.importRecord)
        }
    }

    public func finishImport(_ record: ImportRecord) throws {
        try writer.write { db in
            try db.execute(sql: """
                UPDATE import SET rows = ?, accepted = ?, duplicates = ?, updated = ?, rejected = ?, skipped = ?, acceptedMessages = ?,
                                  updatedMessages = ?, finishedAt = ? WHERE id = ?
                """, arguments: [record.rows, record.stored.accepted, record.stored.duplicates, record.stored.updated, record.rejected,
                                 record.skipped, record.stored.acceptedMessages, record.stored.updatedMessages,
                                 (record.finishedAt ?? .now).timeIntervalSince1970, record.id])
        }
    }

    /// A correction ends the wait of its earlier versions' dead letters: held incomplete records, and those the
    /// platform refused or could not take. They leave the operator's list (state `superseded`) and can no longer be
    /// replayed: an old version replayed after the new one was delivered would overwrite it on the platform. The
    /// new version's deliveries carry the duty on. The state machine never sees that state: superseding is the
    /// store's decision at ingest.
    func supersedeDeadLetters(_ db: Database, before e: Envelope, version: Int, at now: Double) throws {
        let rows = try Row.fetchAll(db, sql: """
            SELECT d.id, m.id AS messageID, d.destination, l.code FROM message m JOIN delivery d ON \(Self.duties("d", of: "m"))
            JOIN deadletter l ON l.deliveryID = d.id
            WHERE m.kind = ? AND m.key = ? AND m.version < ? AND +d.state = 'dead'
            """, arguments: [e.kind.rawValue, e.key, version])
        for row in rows {
            let reason = "superseded by version \(version) (\(e.id.rawValue))"
            let what = row["code"] == DeliveryProblem.incompleteRecordCode ? "the incomplete record" : "the dead letter"
            try db.execute(sql: "UPDATE delivery SET state = 'superseded', lastError = ? WHERE id = ?", arguments: [reason, row["id"]])
            try history(db, row["messageID"], now, "superseded", "\(row["destination"] as String): \(what) is \(reason)")
        }
    }

    /// The first and last key a message's deliveries (or deadlines) may have: `seq * 16 + n` (migration v9).
    static func dutyKeys(of seq: Int64) -> (first: Int64, last: Int64) {
        (seq * dutiesPerMessage, seq * dutiesPerMessage + dutiesPerMessage - 1)
    }

    /// The key of the message whose delivery or deadline has key `id`.
    static func messageSeq(ofDuty id: Int64) -> Int64 { id / dutiesPerMessage }

    /// SQL: `duty` (a delivery or deadline alias) is one of message `message`'s duties, read as a range of the duty
    /// table's own keys (no index; `dutyKeys(of:)`). A condition beside it on a column that leads an index of open work
    /// (`state`, `destination`) is written `+d.state`: SQLite, which cannot know the range is a few rows, would
    /// otherwise walk that index over every open duty of the store (QueryPlanTests).
    static func duties(_ duty: String, of message: String) -> String {
        "\(duty).id BETWEEN \(message).seq * \(dutiesPerMessage) AND \(message).seq * \(dutiesPerMessage) + \(dutiesPerMessage - 1)"
    }

    /// The store's key of the message with outward id `id`.
    func messageSeq(_ db: Database, id: String) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT seq FROM message WHERE id = ?"), arguments: [id])
    }

    func history(_ db: Database, _ id: String, _ at: Double, _ event: String, _ detail: String) throws {
        try db.cachedStatement(sql: "INSERT INTO history (messageID, at, event, detail) VALUES (?, ?, ?, ?)")
            .execute(binding: [id.databaseValue, at.databaseValue, event.databaseValue, detail.databaseValue][...])
    }

    /// SQL: the open deliveries (`openDeliveryStates`) of alias `d` with a deadline in `range`, a condition on
    /// `d.due` (e.g. `< ?`), in a form the queue index serves: every destination the store has (one seek of the index
    /// each), each open state, and the deadline as the index holds it.
    static func openDeliveries(_ d: String, due range: String...) -> String { openDeliveries(d, due: range) }

    /// `openDeliveries(_:due:)` with the conditions in an array.
    static func openDeliveries(_ d: String, due range: [String]) -> String {
        let due = "ifnull(\(d).dueAt, 1e18)"
        return "\(d).destination IN (\(destinations)) AND \(d).state IN \(openDeliveryStates) AND \(due) < 1e18"
            + range.map { " AND \(due) \($0)" }.joined()
    }

    /// SQL: the destinations that have deliveries, found by seeking the queue index once per destination (a handful)
    /// instead of reading it whole.
    static let destinations = """
        WITH RECURSIVE queue(name) AS (SELECT min(destination) FROM delivery
            UNION ALL SELECT (SELECT min(destination) FROM delivery WHERE destination > queue.name) FROM queue WHERE name IS NOT NULL)
        SELECT name FROM queue WHERE name IS NOT NULL
        """

    /// The delivery states whose duty is not done: waiting, in flight, or parked for an operator. Not `delivered`,
    /// and not `superseded` (a dead letter that a corrected version replaced, see `supersedeDeadLetters`).
    static let openDeliveryStates = "(" + openDeliveryStateNames.map { "'\($0)'" }.joined(separator: ", ") + ")"
    /// `openDeliveryStates`, one by one.
    static let openDeliveryStateNames = ["pending", "leased", "dead"]

    static func importRecord(_ row: Row) -> ImportRecord {
        var stored = IngestCounts()
        (stored.accepted, stored.duplicates, stored.updated) = (row["accepted"], row["duplicates"], row["updated"])
        let acceptedMessages: Int? = row["acceptedMessages"]
        (stored.acceptedMessages, stored.updatedMessages) = (acceptedMessages ?? 0, row["updatedMessages"] ?? 0)
        var record = ImportRecord(id: row["id"], adapter: row["adapter"], file: row["file"], size: row["size"], sha256: row["sha256"],
                                  rows: row["rows"], stored: stored, rejected: row["rejected"], skipped: row["skipped"],
                                  startedAt: Date(timeIntervalSince1970: row["startedAt"]),
                                  finishedAt: (row["finishedAt"] as Double?).map(Date.init(timeIntervalSince1970:)))
        // An unfinished import's counts are written at its end; only a finished one from before v6 counted messages.
        record.countsRecords = acceptedMessages != nil || record.finishedAt == nil
        return record
    }
}
