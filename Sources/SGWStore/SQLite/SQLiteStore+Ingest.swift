public import Foundation
import GRDB
import GRDBSQLite
import SGWCore

/// Storing messages: the ingest path every source shares (a file's chunks, a webhook's request, a polled page).
extension SQLiteStore {
    public func ingest(_ items: [IngestItem], rejections: [StoredRejection], importID: Int64?, at: Date) throws -> [IngestOutcome] {
        // An import's chunk commits without waiting for the disk; the import's last commit (`finishImport`, with the
        // store's `synchronous=FULL`) syncs the log that holds them all, before the file is archived. The setting is
        // the writer connection's, so it is put back before any other writer (a webhook's commit) can run.
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            defer { try? db.execute(sql: "PRAGMA synchronous = FULL") }
            var outcomes: [IngestOutcome] = []
            try db.inTransaction {
                outcomes = try ingest(db, items, rejections: rejections, importID: importID, at: at)
                return .commit
            }
            return outcomes
        }
    }

    /// Stores `items` and `rejections` inside the caller's transaction: each item is a duplicate, a new record or a
    /// new version of a known one, and the new ones are written with their deliveries and deadlines (`IngestWriter`).
    func ingest(_ db: Database, _ items: [IngestItem], rejections: [StoredRejection], importID: Int64?, at: Date) throws -> [IngestOutcome] {
        let now = at.timeIntervalSince1970
        var writer = try IngestWriter(db, store: self, importID: importID, now: now)
        var outcomes: [IngestOutcome] = []
        outcomes.reserveCapacity(items.count)
        for index in items.indices { outcomes.append(try writer.store(items[index])) }
        for r in rejections {
            try db.cachedStatement(sql: """
                INSERT INTO rejection (importID, location, row, field, code, message, at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [importID, r.location, r.row, r.field, r.code.rawValue, r.message, now])
        }
        return outcomes
    }

    /// Writes a chunk's messages one at a time, in the caller's transaction: the record's first version tried, or its
    /// latest version looked up (`store`; both see the rows this chunk already wrote), then the message row, its
    /// deliveries and its deadlines, each one step of a prepared statement bound from the item's own values
    /// (`RowStatement`).
    struct IngestWriter {
        private let db: Database
        private let store: SQLiteStore
        private let importID: Int64?
        private let now: Double
        /// The file this import reads (adapter and SHA-256), when it is a file's import.
        private let file: (adapter: String, sha256: String)?
        /// The key of the next message written: the single writer numbers messages itself, so that their duties' keys
        /// are known without reading anything back.
        private var seq: Int64
        /// Whether the last record was new (see `store`).
        private var expectingNew = true
        private var latest, storedFromThisFile, message, delivery, deadline: RowStatement

        init(_ db: Database, store: SQLiteStore, importID: Int64?, now: Double) throws {
            self.db = db
            self.store = store
            self.importID = importID
            self.now = now
            file = try importID.flatMap {
                try Row.fetchOne(db.cachedStatement(sql: "SELECT adapter, sha256 FROM import WHERE id = ?"), arguments: [$0])
            }.map { (adapter: $0["adapter"], sha256: $0["sha256"]) }
            seq = try Int64.fetchOne(db.cachedStatement(sql: "SELECT ifnull(max(seq), 0) + 1 FROM message")) ?? 1
            latest = try RowStatement(db, "SELECT version, contentHash FROM message WHERE kind = ? AND key = ? ORDER BY version DESC LIMIT 1")
            // A record that an earlier import of the same file stored (same row, same content) is a duplicate even when
            // a later row of that file changed the key since: a file that carries a record and its correction, imported
            // again or rerun after a kill, must not store them again as versions 3 and 4.
            storedFromThisFile = try RowStatement(db, """
                SELECT 1 FROM message m JOIN import i ON i.id = m.importID
                WHERE m.kind = ? AND m.key = ? AND m.contentHash = ? AND m.location IS ? AND i.adapter = ? AND i.sha256 = ? AND i.id != ?
                LIMIT 1
                """)
            message = try RowStatement(db, """
                INSERT INTO message (seq, id, kind, key, version, contentHash, profile, adapter, source, location, receivedAt,
                                     decisionDate, body, importID, incomplete, department, counterparty, warning)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (kind, key, version) DO NOTHING
                """)
            delivery = try RowStatement(db, """
                INSERT INTO delivery (id, destination, duty, dueAt, provisional, state, createdAt, lastError) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            deadline = try RowStatement(db, "INSERT INTO deadline (id, duty, dueAt, provisional, state) VALUES (?, ?, ?, ?, 'open')")
        }

        /// Whether `item` is new, a new version, or known; a new one or a new version is written. A file is mostly new
        /// records (a day's changes) or mostly known ones (a full export, a file imported again): while records come
        /// new, the first version is written straight away and the latest one read only when that key is taken (one
        /// descent of the (kind, key, version) index, not two); while they come known, the latest is read first.
        mutating func store(_ item: IngestItem) throws -> IngestOutcome {
            if expectingNew, try write(item, version: 1) { return .accepted }
            let e = item.message.envelope
            latest.bind(e.kind.rawValue)
            latest.bind(e.key)
            let known = try latest.first { row in
                (version: Int(sqlite3_column_int64(row, 0)), sameHash: Self.text(row, 1, equals: e.contentHash))
            }
            expectingNew = known == nil
            guard let known else {
                guard try write(item, version: 1) else { throw StoreError.versionTaken(kind: e.kind.rawValue, key: e.key, version: 1) }
                return .accepted
            }
            if try known.sameHash || isFromThisFile(e) { return .duplicate }
            guard try write(item, version: known.version + 1) else {
                throw StoreError.versionTaken(kind: e.kind.rawValue, key: e.key, version: known.version + 1)
            }
            try store.supersedeDeadLetters(db, before: e, version: known.version + 1, at: now)
            return .updated(version: known.version + 1)
        }

        private mutating func isFromThisFile(_ e: Envelope) throws -> Bool {
            guard let file, let importID else { return false }
            storedFromThisFile.bind(e.kind.rawValue)
            storedFromThisFile.bind(e.key)
            storedFromThisFile.bind(e.contentHash)
            storedFromThisFile.bind(e.provenance.location)
            storedFromThisFile.bind(file.adapter)
            storedFromThisFile.bind(file.sha256)
            storedFromThisFile.bind(importID)
            return try storedFromThisFile.first { _ in true } ?? false
        }

        /// Writes the message as `version` with its deliveries and deadlines; false, writing nothing, when the record
        /// already has that version. An incomplete message is held: its deliveries start as dead letters, in front of
        /// an operator with their deadlines, and are never sent (the platform would refuse the record). No history row
        /// for the ingest itself: the message row holds its event (import, source, location, time) and its delivery
        /// rows what was planned; `message(id:)` reads them as the history's first line.
        private mutating func write(_ item: IngestItem, version: Int) throws -> Bool {
            let e = item.message.envelope
            guard item.deliveries.count <= SQLiteStore.dutiesPerMessage, item.deadlines.count <= SQLiteStore.dutiesPerMessage else {
                throw StoreError.tooManyDuties(message: e.id.rawValue, deliveries: item.deliveries.count, deadlines: item.deadlines.count)
            }
            let messageSeq = seq
            message.bind(messageSeq)
            message.bind(e.id.rawValue)
            message.bind(e.kind.rawValue)
            message.bind(e.key)
            message.bind(version)
            message.bind(e.contentHash)
            message.bind(e.profile)
            message.bind(e.provenance.adapter)
            message.bind(e.provenance.source)
            message.bind(e.provenance.location)
            message.bind(e.receivedAt.timeIntervalSince1970)
            message.bind(item.decisionDate)
            message.bind(item.body)
            if let importID { message.bind(importID) } else { message.bindNull() }
            message.bind(e.incomplete)
            message.bind(item.department)
            message.bind(item.counterparty)
            message.bind(item.warning)
            guard try message.run() else { return false }
            seq += 1

            let heldReason = e.incomplete.map { "incomplete: \($0); import a corrected record" }
            let (first, last) = SQLiteStore.dutyKeys(of: messageSeq)
            var key = first
            for d in item.deliveries {
                delivery.bind(key)
                delivery.bind(d.queue)
                delivery.bind(d.duty.rawValue)
                delivery.bind(d.dueAt?.timeIntervalSince1970)
                delivery.bind(d.provisional)
                delivery.bind(heldReason == nil ? "pending" : "dead")
                delivery.bind(now)
                delivery.bind(heldReason)
                try delivery.run()
                key += 1
                if let heldReason {
                    try store.history(db, e.id.rawValue, now, "held", "\(d.queue) for \(d.duty.rawValue) not sent: \(heldReason)")
                }
            }
            key = first
            for d in item.deadlines {
                deadline.bind(key)
                deadline.bind(d.duty.rawValue)
                deadline.bind(d.dueAt.timeIntervalSince1970)
                deadline.bind(d.provisional)
                try deadline.run()
                key += 1
            }
            if heldReason != nil {
                try db.cachedStatement(sql: """
                    INSERT INTO deadletter (deliveryID, at, code, reason)
                    SELECT id, ?, ?, lastError FROM delivery WHERE id BETWEEN ? AND ? AND +state = 'dead'
                    """).execute(arguments: [now, DeliveryProblem.incompleteRecordCode, first, last])
            }
            return true
        }

        /// Whether text column `column` of `row` holds exactly the UTF-8 bytes of `value`, compared in place.
        private static func text(_ row: SQLiteStatement, _ column: CInt, equals value: String) -> Bool {
            guard let bytes = sqlite3_column_text(row, column) else { return false }
            let count = Int(sqlite3_column_bytes(row, column))
            var value = value
            return value.withUTF8 { utf8 in
                utf8.count == count && (count == 0 || memcmp(utf8.baseAddress!, bytes, count) == 0)
            }
        }
    }
}
