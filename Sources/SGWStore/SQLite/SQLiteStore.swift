public import Foundation
import GRDB
import GRDBSQLite
import SGWCore

/// The embedded store: one SQLite file in WAL mode, through GRDB.
///
/// Durability: `synchronous=FULL` for the whole store. With WAL that is one fsync of the log per commit, and sgw
/// commits a chunk of records at a time, so the cost is small; in exchange a commit that returned survives a power
/// cut, which is what lets an import archive its file and write a receipt right after its last commit.
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
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        var config = Configuration()
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA cache_size = -32768")  // 32 MiB: index updates of a large import stay in memory
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(max(1, checkpointPages))")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
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
                UPDATE import SET rows = ?, accepted = ?, duplicates = ?, updated = ?, rejected = ?, finishedAt = ? WHERE id = ?
                """, arguments: [record.rows, record.accepted, record.duplicates, record.updated, record.rejected,
                                 (record.finishedAt ?? .now).timeIntervalSince1970, record.id])
        }
    }

    public func ingest(_ items: [IngestItem], rejections: [StoredRejection], importID: Int64?, at: Date) throws -> [IngestOutcome] {
        try writer.write { db in try ingest(db, items, rejections: rejections, importID: importID, at: at) }
    }

    /// Stores `items` and `rejections` inside the caller's transaction: the ingest path every source shares (a file's
    /// chunks, a webhook's request, a polled page).
    func ingest(_ db: Database, _ items: [IngestItem], rejections: [StoredRejection], importID: Int64?, at: Date) throws -> [IngestOutcome] {
        var outcomes: [IngestOutcome] = []
        outcomes.reserveCapacity(items.count)
        let now = at.timeIntervalSince1970
        // The latest stored version of every key in the chunk, and the records an earlier import of this same
        // file (adapter and SHA-256) stored: one query per 500 keys instead of one per message.
        var latest: [StoredKey: (version: Int, hash: String)] = [:]
        // A record that an earlier import of the same file stored (same row, same content) is a duplicate even
        // when a later row of that file changed the key since: a file that carries a record and its correction,
        // imported again or rerun after a kill, must not store them again as versions 3 and 4.
        var storedFromThisFile: Set<StoredRecord> = []
        let file = try importID.flatMap { try Row.fetchOne(db.cachedStatement(sql: "SELECT adapter, sha256 FROM import WHERE id = ?"), arguments: [$0]) }
        // By kind, so that the (kind, key, version) index serves the lookup.
        var keysByKind: [String: Set<StoredKey>] = [:]
        for item in items {
            let e = item.message.envelope
            keysByKind[e.kind.rawValue, default: []].insert(StoredKey(kind: e.kind.rawValue, key: e.key))
        }
        for (kind, set) in keysByKind {
            let keys = set.map(\.key)
            for start in stride(from: 0, to: keys.count, by: 500) {
                let part = keys[start..<min(keys.count, start + 500)]
                let marks = Array(repeating: "?", count: part.count).joined(separator: ",")
                var arguments: StatementArguments = [file?["adapter"] as String?, file?["sha256"] as String?, importID, kind]
                arguments += StatementArguments(part)
                // Cached: one text per chunk size, so a webhook's request of a record or two compiles nothing anew.
                for row in try Row.fetchAll(db.cachedStatement(sql: """
                    SELECT m.key, m.version, m.contentHash, m.location, (i.adapter = ? AND i.sha256 = ? AND i.id != ?) AS sameFile
                    FROM message m LEFT JOIN import i ON i.id = m.importID WHERE m.kind = ? AND m.key IN (\(marks))
                    """), arguments: arguments) {
                    let key = StoredKey(kind: kind, key: row["key"])
                    let version: Int = row["version"]
                    let hash: String = row["contentHash"]
                    if version > latest[key]?.version ?? 0 { latest[key] = (version, hash) }
                    if row["sameFile"] as Bool? == true {
                        storedFromThisFile.insert(StoredRecord(key: key, location: row["location"], hash: hash))
                    }
                }
            }
        }
        // Rows are collected per table and written with multi-row INSERTs, 64 rows a statement: each opens its
        // cursors and updates the AUTOINCREMENT counter once (docs/benchmarks.md, Import). Messages go first: the
        // other rows refer to them.
        var messages = BulkInsert(table: "message", columns: ["id", "kind", "key", "version", "contentHash", "profile",
                                                              "adapter", "source", "location", "receivedAt", "decisionDate",
                                                              "body", "importID", "incomplete"])
        var history = BulkInsert(table: "history", columns: ["messageID", "at", "event", "detail"])
        var deliveries = BulkInsert(table: "delivery", columns: ["messageID", "destination", "duty", "dueAt", "provisional",
                                                                 "state", "createdAt", "lastError"])
        var deadlines = BulkInsert(table: "deadline", columns: ["messageID", "duty", "dueAt", "provisional", "state"])
        var held: [String] = []  // ids of incomplete messages: their deliveries are written as dead letters
        var corrections: [(envelope: Envelope, version: Int)] = []
        for item in items {
            let e = item.message.envelope
            let identity = StoredKey(kind: e.kind.rawValue, key: e.key)
            var version = 1
            if let known = latest[identity] {
                if known.hash == e.contentHash || storedFromThisFile.contains(
                    StoredRecord(key: identity, location: e.provenance.location, hash: e.contentHash)) {
                    outcomes.append(.duplicate)
                    continue
                }
                version = known.version + 1
            }
            latest[identity] = (version, e.contentHash)  // a key twice in one chunk
            let id = e.id.rawValue.databaseValue
            messages.add(id, e.kind.rawValue.databaseValue, e.key.databaseValue, version.databaseValue,
                         e.contentHash.databaseValue, e.profile.databaseValue, e.provenance.adapter.databaseValue,
                         e.provenance.source.databaseValue, e.provenance.location.databaseValue,
                         e.receivedAt.timeIntervalSince1970.databaseValue,
                         item.message.body.decisionDate.description.databaseValue, item.body.databaseValue,
                         importID.databaseValue, e.incomplete.databaseValue)
            history.add(id, now.databaseValue, (version == 1 ? "ingested" : "version").databaseValue,
                        ("\(e.provenance.source) \(e.provenance.location ?? ""), \(version == 1 ? "new" : "version \(version), a correction"); "
                            + "deliveries planned: \(item.plannedText)").databaseValue)
            // An incomplete message is held: its deliveries start as dead letters, in front of an operator with
            // their deadlines, and are never sent (the platform would refuse the record).
            let heldReason = e.incomplete.map { "incomplete: \($0); import a corrected record" }
            if heldReason != nil { held.append(e.id.rawValue) }
            for d in item.deliveries {
                deliveries.add(id, d.queue.databaseValue, d.duty.rawValue.databaseValue,
                               d.dueAt?.timeIntervalSince1970.databaseValue ?? .null, d.provisional.databaseValue,
                               (heldReason == nil ? "pending" : "dead").databaseValue, now.databaseValue,
                               heldReason.databaseValue)
                if let heldReason {
                    history.add(id, now.databaseValue, "held".databaseValue,
                                "\(d.queue) for \(d.duty.rawValue) not sent: \(heldReason)".databaseValue)
                }
            }
            for d in item.deadlines {
                deadlines.add(id, d.duty.rawValue.databaseValue, d.dueAt.timeIntervalSince1970.databaseValue,
                              d.provisional.databaseValue, "open".databaseValue)
            }
            if version > 1 { corrections.append((e, version)) }
            outcomes.append(version == 1 ? .accepted : .updated(version: version))
        }
        for table in [messages, history, deliveries, deadlines] { try table.write(db) }
        for messageID in held {
            try db.cachedStatement(sql: """
                INSERT INTO deadletter (deliveryID, at, code, reason)
                SELECT id, ?, ?, lastError FROM delivery WHERE messageID = ? AND state = 'dead'
                """).execute(arguments: [now, DeliveryProblem.incompleteRecordCode, messageID])
        }
        for c in corrections { try supersedeDeadLetters(db, before: c.envelope, version: c.version, at: now) }
        for r in rejections {
            try db.cachedStatement(sql: """
                INSERT INTO rejection (importID, location, row, field, code, message, at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [importID, r.location, r.row, r.field, r.code, r.message, now])
        }
        return outcomes
    }

    /// A correction ends the wait of its earlier versions' dead letters: held incomplete records, and those the
    /// platform refused or could not take. They leave the operator's list (state `superseded`) and can no longer be
    /// replayed: an old version replayed after the new one was delivered would overwrite it on the platform. The
    /// new version's deliveries carry the duty on. The state machine never sees that state: superseding is the
    /// store's decision at ingest.
    func supersedeDeadLetters(_ db: Database, before e: Envelope, version: Int, at now: Double) throws {
        let rows = try Row.fetchAll(db, sql: """
            SELECT d.id, d.messageID, d.destination, l.code FROM delivery d JOIN message m ON m.id = d.messageID
            JOIN deadletter l ON l.deliveryID = d.id
            WHERE m.kind = ? AND m.key = ? AND m.version < ? AND d.state = 'dead'
            """, arguments: [e.kind.rawValue, e.key, version])
        for row in rows {
            let reason = "superseded by version \(version) (\(e.id.rawValue))"
            let what = row["code"] == DeliveryProblem.incompleteRecordCode ? "the incomplete record" : "the dead letter"
            try db.execute(sql: "UPDATE delivery SET state = 'superseded', lastError = ? WHERE id = ?", arguments: [reason, row["id"]])
            try history(db, row["messageID"], now, "superseded", "\(row["destination"] as String): \(what) is \(reason)")
        }
    }

    func history(_ db: Database, _ id: String, _ at: Double, _ event: String, _ detail: String) throws {
        try db.cachedStatement(sql: "INSERT INTO history (messageID, at, event, detail) VALUES (?, ?, ?, ?)")
            .execute(binding: [id.databaseValue, at.databaseValue, event.databaseValue, detail.databaseValue][...])
    }

    /// A message's identity in its source system, compared and hashed by its UTF-8 bytes as SQLite compares
    /// `message.key`: String's own hashing normalizes (NFC) every non-ASCII key first, and keys hold Chinese.
    struct StoredKey: Hashable {
        let kind: String
        let key: String

        static func == (a: StoredKey, b: StoredKey) -> Bool {
            a.kind.utf8.elementsEqual(b.kind.utf8) && a.key.utf8.elementsEqual(b.key.utf8)
        }

        func hash(into hasher: inout Hasher) {
            var kind = kind, key = key
            kind.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
            hasher.combine(0xFF as UInt8)  // never in UTF-8: kind and key cannot run into each other
            key.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    /// One record as a file gave it: its identity, its place in the file, its content.
    struct StoredRecord: Hashable {
        let key: StoredKey
        let location: String?
        let hash: String
    }

    /// The delivery states whose duty is not done: waiting, in flight, or parked for an operator. Not `delivered`,
    /// and not `superseded` (a dead letter that a corrected version replaced, see `supersedeDeadLetters`).
    static let openDeliveryStates = "('pending', 'leased', 'dead')"

    /// Rows for one table, written by `write` with INSERTs of up to `rowsPerStatement` rows each.
    struct BulkInsert {
        let table: String
        let columns: [String]
        // Values, not `any DatabaseValueConvertible`: existentials boxed per value were a tenth of the writer's time.
        var values: [DatabaseValue] = []
        static let rowsPerStatement = 64

        init(table: String, columns: [String]) {
            self.table = table
            self.columns = columns
        }

        mutating func add(_ row: DatabaseValue...) {
            // Statements are cut by value count: a short row would shift every later value into the wrong column.
            precondition(row.count == columns.count, "\(table): \(row.count) values for \(columns.count) columns")
            values += row
        }

        func write(_ db: Database) throws {
            let perStatement = Self.rowsPerStatement * columns.count
            var start = 0
            while start < values.count {
                let end = min(values.count, start + perStatement)
                let rows = (end - start) / columns.count
                let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
                let sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                    + Array(repeating: tuple, count: rows).joined(separator: ",")
                // Cached whatever their length: one text per row count (at most 64 a table); a webhook's small batches
                // would otherwise compile their shorter statements anew at every commit.
                let statement = try db.cachedStatement(sql: sql)
                try statement.execute(binding: values[start..<end])
                start = end
            }
        }
    }

    static func importRecord(_ row: Row) -> ImportRecord {
        ImportRecord(id: row["id"], adapter: row["adapter"], file: row["file"], size: row["size"], sha256: row["sha256"],
                     rows: row["rows"], accepted: row["accepted"], duplicates: row["duplicates"], updated: row["updated"],
                     rejected: row["rejected"], startedAt: Date(timeIntervalSince1970: row["startedAt"]),
                     finishedAt: (row["finishedAt"] as Double?).map(Date.init(timeIntervalSince1970:)))
    }
}

extension Statement {
    /// Binds `values` with SQLite's C API, then lets GRDB run the statement. Written by hand because GRDB's
    /// `StatementArguments(_:)` copies the values through an unspecialized generic `map` (GRDB is another module):
    /// 12% of the import's writer thread in perf, on 100,000 rows.
    func execute(binding values: ArraySlice<DatabaseValue>) throws {
        setUncheckedArguments(StatementArguments())  // reset, clear, and mark as bound for GRDB
        let handle = sqliteStatement
        for (offset, value) in values.enumerated() {
            let index = CInt(offset + 1)
            let code: CInt = switch value.storage {
            case .null: sqlite3_bind_null(handle, index)
            case .int64(let v): sqlite3_bind_int64(handle, index, v)
            case .double(let v): sqlite3_bind_double(handle, index, v)
            case .string(var text):
                text.withUTF8 { utf8 in
                    // An empty buffer may have no address, which SQLite would take for NULL.
                    guard let base = utf8.baseAddress else { return sqlite3_bind_text(handle, index, "", 0, Self.sqliteTransient) }
                    return base.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
                        sqlite3_bind_text(handle, index, $0, CInt(utf8.count), Self.sqliteTransient)
                    }
                }
            case .blob(let data):
                data.withUnsafeBytes { sqlite3_bind_blob(handle, index, $0.baseAddress, CInt($0.count), Self.sqliteTransient) }
            }
            guard code == SQLITE_OK else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "binding value \(index) of \(sql)")
            }
        }
        try execute()
    }

    /// SQLite's SQLITE_TRANSIENT: it copies the bytes before the call returns.
    private static let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
