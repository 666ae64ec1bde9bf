public import Foundation
import GRDB
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
    /// new version of a known one (`KnownRecords`); the new ones are written with their deliveries and deadlines
    /// (`IngestRows`).
    func ingest(_ db: Database, _ items: [IngestItem], rejections: [StoredRejection], importID: Int64?, at: Date) throws -> [IngestOutcome] {
        let now = at.timeIntervalSince1970
        var known = try KnownRecords(db, items: items, importID: importID)
        var rows = IngestRows()
        var outcomes: [IngestOutcome] = []
        outcomes.reserveCapacity(items.count)
        for item in items {
            let outcome = known.outcome(of: item.message.envelope)
            outcomes.append(outcome)
            switch outcome {
            case .duplicate: continue
            case .accepted: rows.add(item, version: 1, importID: importID, now: now)
            case .updated(let version): rows.add(item, version: version, importID: importID, now: now)
            }
        }
        try rows.write(db, store: self, now: now)
        for r in rejections {
            try db.cachedStatement(sql: """
                INSERT INTO rejection (importID, location, row, field, code, message, at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [importID, r.location, r.row, r.field, r.code.rawValue, r.message, now])
        }
        return outcomes
    }

    /// What the store already holds of a chunk's records: the latest version of every key in it, and the records an
    /// earlier import of the same file (adapter and SHA-256) stored. Read with one query per 500 keys of a kind.
    struct KnownRecords {
        private var latest: [StoredKey: (version: Int, hash: String)] = [:]
        // A record that an earlier import of the same file stored (same row, same content) is a duplicate even when a
        // later row of that file changed the key since: a file that carries a record and its correction, imported
        // again or rerun after a kill, must not store them again as versions 3 and 4.
        private var storedFromThisFile: Set<StoredRecord> = []

        init(_ db: Database, items: [IngestItem], importID: Int64?) throws {
            let file = try importID.flatMap {
                try Row.fetchOne(db.cachedStatement(sql: "SELECT adapter, sha256 FROM import WHERE id = ?"), arguments: [$0])
            }
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
                    // Cached: one text per chunk size, so that a webhook's request of a record or two compiles nothing anew.
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
        }

        /// Whether `e` is new, a new version, or known; counted as stored, so that a key twice in one chunk is seen.
        mutating func outcome(of e: Envelope) -> IngestOutcome {
            let identity = StoredKey(kind: e.kind.rawValue, key: e.key)
            guard let known = latest[identity] else {
                latest[identity] = (1, e.contentHash)
                return .accepted
            }
            if known.hash == e.contentHash
                || storedFromThisFile.contains(StoredRecord(key: identity, location: e.provenance.location, hash: e.contentHash)) {
                return .duplicate
            }
            latest[identity] = (known.version + 1, e.contentHash)
            return .updated(version: known.version + 1)
        }
    }

    /// The rows a chunk's new messages write, collected per table and written with multi-row INSERTs.
    struct IngestRows {
        var messages = BulkInsert(table: "message", columns: ["id", "kind", "key", "version", "contentHash", "profile", "adapter",
                                                              "source", "location", "receivedAt", "decisionDate", "body", "importID",
                                                              "incomplete", "department", "counterparty", "warning"])
        var history = BulkInsert(table: "history", columns: ["messageID", "at", "event", "detail"])
        var deliveries = BulkInsert(table: "delivery", columns: ["messageID", "destination", "duty", "dueAt", "provisional", "state",
                                                                 "createdAt", "lastError"])
        var deadlines = BulkInsert(table: "deadline", columns: ["messageID", "duty", "dueAt", "provisional", "state"])
        /// Ids of incomplete messages: their deliveries are written as dead letters.
        var held: [String] = []
        var corrections: [(envelope: Envelope, version: Int)] = []

        mutating func add(_ item: IngestItem, version: Int, importID: Int64?, now: Double) {
            let e = item.message.envelope
            let id = e.id.rawValue.databaseValue
            messages.add(id, e.kind.rawValue.databaseValue, e.key.databaseValue, version.databaseValue,
                         e.contentHash.databaseValue, e.profile.databaseValue, e.provenance.adapter.databaseValue,
                         e.provenance.source.databaseValue, e.provenance.location.databaseValue,
                         e.receivedAt.timeIntervalSince1970.databaseValue,
                         item.message.body.decisionDate.description.databaseValue, item.body.databaseValue,
                         importID.databaseValue, e.incomplete.databaseValue,
                         item.message.body.department.databaseValue, item.message.body.counterpartyIdentity.databaseValue,
                         item.message.body.warningForLaterApprovals?.rawValue.databaseValue ?? .null)
            // No history row for the ingest itself: the message row holds its event (import, source, location, time)
            // and its delivery rows what was planned; `message(id:)` reads them as the history's first line.
            // An incomplete message is held: its deliveries start as dead letters, in front of an operator with their
            // deadlines, and are never sent (the platform would refuse the record).
            let heldReason = e.incomplete.map { "incomplete: \($0); import a corrected record" }
            if heldReason != nil { held.append(e.id.rawValue) }
            for d in item.deliveries {
                deliveries.add(id, d.queue.databaseValue, d.duty.rawValue.databaseValue,
                               d.dueAt?.timeIntervalSince1970.databaseValue ?? .null, d.provisional.databaseValue,
                               (heldReason == nil ? "pending" : "dead").databaseValue, now.databaseValue, heldReason.databaseValue)
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
        }

        /// Writes the rows (messages first: the others refer to them), the held messages' dead letters, and ends the
        /// wait of the corrected records' earlier dead letters.
        func write(_ db: Database, store: SQLiteStore, now: Double) throws {
            for table in [messages, history, deliveries, deadlines] { try table.write(db) }
            for messageID in held {
                try db.cachedStatement(sql: """
                    INSERT INTO deadletter (deliveryID, at, code, reason)
                    SELECT id, ?, ?, lastError FROM delivery WHERE messageID = ? AND state = 'dead'
                    """).execute(arguments: [now, DeliveryProblem.incompleteRecordCode, messageID])
            }
            for c in corrections { try store.supersedeDeadLetters(db, before: c.envelope, version: c.version, at: now) }
        }
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
}
