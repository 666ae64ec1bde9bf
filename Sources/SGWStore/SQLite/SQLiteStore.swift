public import Foundation
import GRDB
import SGWCore

/// The embedded store: one SQLite file in WAL mode, through GRDB.
///
/// Durability: `synchronous=FULL` for the whole store. With WAL that is one fsync of the log per commit, and sgw
/// commits a chunk of records at a time, so the cost is small; in exchange a commit that returned survives a power
/// cut, which is what lets an import archive its file and write a receipt right after its last commit.
public struct SQLiteStore: MessageStore {
    let writer: any DatabaseWriter

    /// Opens (creating when needed) the store at `path` and migrates it.
    public init(path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        var config = Configuration()
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA cache_size = -32768")  // 32 MiB: index updates of a large import stay in memory
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 8192")  // checkpoint every 32 MiB of log, not every 4
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        config.busyMode = .timeout(10)
        writer = try DatabasePool(path: path, configuration: config)
        try Self.migrator.migrate(writer)
    }

    /// The store at `folder/sgw.sqlite`.
    public init(dataFolder: String) throws {
        try self.init(path: (dataFolder as NSString).appendingPathComponent("sgw.sqlite"))
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
        try writer.write { db in
            var outcomes: [IngestOutcome] = []
            outcomes.reserveCapacity(items.count)
            let now = at.timeIntervalSince1970
            // The latest stored version of every key in the chunk, in one query instead of one per message.
            var latest: [String: (version: Int, hash: String)] = [:]
            // By kind, so that the (kind, key, version) index serves the lookup.
            let byKind = Dictionary(grouping: items.map(\.message.envelope), by: \.kind.rawValue)
            for (kind, envelopes) in byKind {
                let keys = Array(Set(envelopes.map(\.key)))
                for start in stride(from: 0, to: keys.count, by: 500) {
                    let part = Array(keys[start..<min(keys.count, start + 500)])
                    let marks = Array(repeating: "?", count: part.count).joined(separator: ",")
                    for row in try Row.fetchAll(db, sql: """
                        SELECT key, version, contentHash FROM message m WHERE kind = ? AND key IN (\(marks))
                          AND version = (SELECT MAX(version) FROM message WHERE kind = m.kind AND key = m.key)
                        """, arguments: StatementArguments([kind] + part)) {
                        latest[kind + "\u{0}" + (row["key"] as String)] = (row["version"], row["contentHash"])
                    }
                }
            }
            for item in items {
                let e = item.message.envelope
                let identity = e.kind.rawValue + "\u{0}" + e.key
                var version = 1
                if let known = latest[identity] {
                    if known.hash == e.contentHash {
                        outcomes.append(.duplicate)
                        continue
                    }
                    version = known.version + 1
                }
                latest[identity] = (version, e.contentHash)  // a key twice in one chunk
                let body = String(decoding: item.message.body.canonicalJSON(), as: UTF8.self)
                try db.cachedStatement(sql: """
                    INSERT INTO message (id, kind, key, version, contentHash, profile, adapter, source, location, receivedAt,
                                         decisionDate, body, importID)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [e.id.rawValue, e.kind.rawValue, e.key, version, e.contentHash, e.profile,
                                     e.provenance.adapter, e.provenance.source, e.provenance.location,
                                     e.receivedAt.timeIntervalSince1970, item.message.body.decisionDate.description, body, importID])
                let planned = item.deliveries.map {
                    "\($0.queue) for \($0.duty.rawValue) due \($0.dueAt.map(ShanghaiTime.format) ?? "without time limit")"
                        + ($0.provisional ? " (provisional)" : "")
                }.joined(separator: "; ")
                try history(db, e.id.rawValue, now, version == 1 ? "ingested" : "version",
                            "\(e.provenance.source) \(e.provenance.location ?? ""), \(version == 1 ? "new" : "version \(version), a correction"); "
                                + "deliveries planned: \(planned)")
                for d in item.deliveries {
                    try db.cachedStatement(sql: """
                        INSERT INTO delivery (messageID, destination, duty, dueAt, provisional, state, createdAt)
                        VALUES (?, ?, ?, ?, ?, 'pending', ?)
                        """).execute(arguments: [e.id.rawValue, d.queue, d.duty.rawValue, d.dueAt?.timeIntervalSince1970,
                                         d.provisional, now])
                }
                for d in item.deadlines {
                    try db.cachedStatement(sql: """
                        INSERT INTO deadline (messageID, duty, dueAt, provisional, state) VALUES (?, ?, ?, ?, 'open')
                        """).execute(arguments: [e.id.rawValue, d.duty.rawValue, d.dueAt.timeIntervalSince1970, d.provisional])
                }
                outcomes.append(version == 1 ? .accepted : .updated(version: version))
            }
            for r in rejections {
                try db.cachedStatement(sql: """
                    INSERT INTO rejection (importID, location, row, field, code, message, at) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [importID, r.location, r.row, r.field, r.code, r.message, now])
            }
            return outcomes
        }
    }

    func history(_ db: Database, _ id: String, _ at: Double, _ event: String, _ detail: String) throws {
        try db.cachedStatement(sql: "INSERT INTO history (messageID, at, event, detail) VALUES (?, ?, ?, ?)")
            .execute(arguments: [id, at, event, detail])
    }

    static func importRecord(_ row: Row) -> ImportRecord {
        ImportRecord(id: row["id"], adapter: row["adapter"], file: row["file"], size: row["size"], sha256: row["sha256"],
                     rows: row["rows"], accepted: row["accepted"], duplicates: row["duplicates"], updated: row["updated"],
                     rejected: row["rejected"], startedAt: Date(timeIntervalSince1970: row["startedAt"]),
                     finishedAt: (row["finishedAt"] as Double?).map(Date.init(timeIntervalSince1970:)))
    }
}
