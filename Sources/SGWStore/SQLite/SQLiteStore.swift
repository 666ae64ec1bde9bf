public import Foundation
import GRDB
public import SGWCore

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
            for item in items {
                let e = item.message.envelope
                let latest = try Row.fetchOne(db, sql: """
                    SELECT version, contentHash FROM message WHERE kind = ? AND key = ? ORDER BY version DESC LIMIT 1
                    """, arguments: [e.kind.rawValue, e.key])
                var version = 1
                if let latest {
                    if (latest["contentHash"] as String) == e.contentHash {
                        outcomes.append(.duplicate)
                        continue
                    }
                    version = (latest["version"] as Int) + 1
                }
                let body = String(decoding: item.message.body.canonicalJSON(), as: UTF8.self)
                try db.execute(sql: """
                    INSERT INTO message (id, kind, key, version, contentHash, profile, adapter, source, location, receivedAt,
                                         decisionDate, body, importID)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [e.id.rawValue, e.kind.rawValue, e.key, version, e.contentHash, e.profile,
                                     e.provenance.adapter, e.provenance.source, e.provenance.location,
                                     e.receivedAt.timeIntervalSince1970, item.message.body.decisionDate.description, body, importID])
                try history(db, e.id.rawValue, now, version == 1 ? "ingested" : "version",
                            "\(e.provenance.source) \(e.provenance.location ?? ""), \(version == 1 ? "new" : "version \(version), a correction")")
                for d in item.deliveries {
                    try db.execute(sql: """
                        INSERT INTO delivery (messageID, destination, duty, dueAt, provisional, state, createdAt)
                        VALUES (?, ?, ?, ?, ?, 'pending', ?)
                        """, arguments: [e.id.rawValue, d.destination.rawValue, d.duty.rawValue, d.dueAt?.timeIntervalSince1970,
                                         d.provisional, now])
                    try history(db, e.id.rawValue, now, "delivery-planned",
                                "to \(d.destination.rawValue) for \(d.duty.rawValue), due \(d.dueAt.map(ShanghaiTime.format) ?? "no time limit")"
                                    + (d.provisional ? " (provisional)" : ""))
                }
                for d in item.deadlines {
                    try db.execute(sql: """
                        INSERT INTO deadline (messageID, duty, dueAt, provisional, state) VALUES (?, ?, ?, ?, 'open')
                        """, arguments: [e.id.rawValue, d.duty.rawValue, d.dueAt.timeIntervalSince1970, d.provisional])
                }
                outcomes.append(version == 1 ? .accepted : .updated(version: version))
            }
            for r in rejections {
                try db.execute(sql: """
                    INSERT INTO rejection (importID, location, row, field, code, message, at) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [importID, r.location, r.row, r.field, r.code, r.message, now])
            }
            return outcomes
        }
    }

    func history(_ db: Database, _ id: String, _ at: Double, _ event: String, _ detail: String) throws {
        try db.execute(sql: "INSERT INTO history (messageID, at, event, detail) VALUES (?, ?, ?, ?)",
                       arguments: [id, at, event, detail])
    }

    static func importRecord(_ row: Row) -> ImportRecord {
        ImportRecord(id: row["id"], adapter: row["adapter"], file: row["file"], size: row["size"], sha256: row["sha256"],
                     rows: row["rows"], accepted: row["accepted"], duplicates: row["duplicates"], updated: row["updated"],
                     rejected: row["rejected"], startedAt: Date(timeIntervalSince1970: row["startedAt"]),
                     finishedAt: (row["finishedAt"] as Double?).map(Date.init(timeIntervalSince1970:)))
    }
}
