public import Foundation
import GRDB

/// Webhook requests and polled pages: each stored whole, with its import row, answer and watermark.
extension SQLiteStore {
    public func intake(_ batches: [IntakeBatch], at: Date) throws -> [IntakeResult] {
        try writer.write { db in
            try batches.map { batch in
                // Cached statements: a webhook's batch is small, and compiling its statements anew would lengthen the
                // commit that every waiting sender waits for.
                if let id = batch.requestID, let row = try Row.fetchOne(db.cachedStatement(sql: """
                    SELECT id, answer FROM import WHERE adapter = ? AND requestID = ?
                    """), arguments: [batch.adapter, id]) {
                    return IntakeResult(importID: row["id"], outcomes: [], counts: IngestCounts(), answer: row["answer"], seenBefore: true)
                }
                let time = at.timeIntervalSince1970
                try db.cachedStatement(sql: """
                    INSERT INTO import (adapter, file, size, sha256, rows, rejected, skipped, startedAt, requestID)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [batch.adapter, batch.source, batch.size, batch.sha256, batch.rows, batch.rejected,
                                     batch.skipped, time, batch.requestID])
                let importID = db.lastInsertedRowID
                let outcomes = try ingest(db, batch.items, rejections: batch.rejections, importID: importID, at: at)
                let counts = IngestCounts(outcomes: outcomes, messagesPerRecord: batch.messagesPerRecord)
                let answer = batch.answer?(outcomes)
                try db.cachedStatement(sql: """
                    UPDATE import SET accepted = ?, duplicates = ?, updated = ?, acceptedMessages = ?, updatedMessages = ?,
                                      finishedAt = ?, answer = ? WHERE id = ?
                    """).execute(arguments: [counts.accepted, counts.duplicates, counts.updated, counts.acceptedMessages,
                                             counts.updatedMessages, time, answer, importID])
                if let watermark = batch.watermark {
                    try db.cachedStatement(sql: """
                        INSERT INTO sourcestate (adapter, watermark, updatedAt) VALUES (?, ?, ?)
                        ON CONFLICT (adapter) DO UPDATE SET watermark = excluded.watermark, updatedAt = excluded.updatedAt
                        """).execute(arguments: [batch.adapter, watermark, time])
                }
                return IntakeResult(importID: importID, outcomes: outcomes, counts: counts, answer: answer, seenBefore: false)
            }
        }
    }

    public func watermark(adapter: String) throws -> String? {
        try writer.read { db in
            try String.fetchOne(db, sql: "SELECT watermark FROM sourcestate WHERE adapter = ?", arguments: [adapter])
        }
    }

    public func setWatermark(adapter: String, to watermark: String?, at: Date) throws {
        try writer.write { db in
            if let watermark {
                try db.execute(sql: """
                    INSERT INTO sourcestate (adapter, watermark, updatedAt) VALUES (?, ?, ?)
                    ON CONFLICT (adapter) DO UPDATE SET watermark = excluded.watermark, updatedAt = excluded.updatedAt
                    """, arguments: [adapter, watermark, at.timeIntervalSince1970])
            } else {
                try db.execute(sql: "DELETE FROM sourcestate WHERE adapter = ?", arguments: [adapter])
            }
        }
    }

    public func checkWritable() throws {
        // A write transaction begun and rolled back: it needs the write lock and a writable file, and changes nothing.
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            try db.execute(sql: "ROLLBACK")
        }
    }
}
