import Foundation
import GRDB
import SGWCore

/// The store's schema, migrated by name: a migration once released is never edited, only followed by another.
extension SQLiteStore {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: messages, deliveries, deadlines, imports, rejections, history") { db in
            try db.execute(sql: """
                CREATE TABLE import (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    adapter TEXT NOT NULL, file TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL,
                    rows INTEGER NOT NULL DEFAULT 0, accepted INTEGER NOT NULL DEFAULT 0,
                    duplicates INTEGER NOT NULL DEFAULT 0, updated INTEGER NOT NULL DEFAULT 0,
                    rejected INTEGER NOT NULL DEFAULT 0,
                    startedAt REAL NOT NULL, finishedAt REAL
                );
                CREATE INDEX import_by_hash ON import (adapter, sha256);

                -- One row per version of a message; (kind, key) identifies the record in its source system.
                CREATE TABLE message (
                    id TEXT PRIMARY KEY,
                    kind TEXT NOT NULL, key TEXT NOT NULL, version INTEGER NOT NULL,
                    contentHash TEXT NOT NULL, profile TEXT NOT NULL,
                    adapter TEXT NOT NULL, source TEXT NOT NULL, location TEXT,
                    receivedAt REAL NOT NULL, decisionDate TEXT NOT NULL,
                    body TEXT NOT NULL,
                    importID INTEGER REFERENCES import(id),
                    UNIQUE (kind, key, version)
                );
                CREATE INDEX message_by_received ON message (receivedAt);

                CREATE TABLE delivery (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    messageID TEXT NOT NULL REFERENCES message(id),
                    destination TEXT NOT NULL, duty TEXT NOT NULL,
                    dueAt REAL, provisional INTEGER NOT NULL,
                    state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
                    createdAt REAL NOT NULL
                );
                CREATE INDEX delivery_due ON delivery (state, dueAt);

                CREATE TABLE deadline (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    messageID TEXT NOT NULL REFERENCES message(id),
                    duty TEXT NOT NULL, dueAt REAL NOT NULL, provisional INTEGER NOT NULL, state TEXT NOT NULL
                );
                CREATE INDEX deadline_due ON deadline (state, dueAt);

                CREATE TABLE rejection (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    importID INTEGER REFERENCES import(id),
                    location TEXT NOT NULL, row INTEGER NOT NULL, field TEXT NOT NULL,
                    code TEXT NOT NULL, message TEXT NOT NULL, at REAL NOT NULL
                );

                -- Append-only: every event of every message, for the auditors.
                CREATE TABLE history (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    messageID TEXT NOT NULL REFERENCES message(id),
                    at REAL NOT NULL, event TEXT NOT NULL, detail TEXT NOT NULL
                );
                CREATE INDEX history_by_message ON history (messageID, id);
                CREATE TRIGGER history_append_only_update BEFORE UPDATE ON history
                    BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
                CREATE TRIGGER history_append_only_delete BEFORE DELETE ON history
                    BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
                """)
        }
        migrator.registerMigration("v2: leases, retries, dead letters, claims") { db in
            try db.execute(sql: """
                -- The delivery state machine's state: pending (attempts, notBefore), leased (attempts, leaseUntil,
                -- leaseToken), delivered (deliveredAt, receipt), dead (lastError, with a deadletter row).
                ALTER TABLE delivery ADD COLUMN notBefore REAL NOT NULL DEFAULT 0;
                ALTER TABLE delivery ADD COLUMN leaseUntil REAL;
                ALTER TABLE delivery ADD COLUMN leaseToken TEXT;
                ALTER TABLE delivery ADD COLUMN deliveredAt REAL;
                ALTER TABLE delivery ADD COLUMN receipt TEXT;
                ALTER TABLE delivery ADD COLUMN lastError TEXT;
                -- Earliest deadline first per destination; deliveries without a deadline come last.
                CREATE INDEX delivery_queue ON delivery (destination, state, ifnull(dueAt, 1e18), id);
                CREATE INDEX delivery_by_message ON delivery (messageID);
                -- v1's delivery_due (state, dueAt) stays: status, at risk and overdue read the open states by deadline.

                CREATE TABLE deadletter (
                    deliveryID INTEGER PRIMARY KEY REFERENCES delivery(id),
                    at REAL NOT NULL, code TEXT NOT NULL, reason TEXT NOT NULL, request TEXT, response TEXT
                );

                -- Who closed a deadline and when: a claim, an auto-claim, a dispute.
                ALTER TABLE deadline ADD COLUMN closedAt REAL;
                ALTER TABLE deadline ADD COLUMN closedBy TEXT;
                CREATE INDEX deadline_by_message ON deadline (messageID, duty);

                -- Every claim and feedback event from a platform, a callback or a package receipt, once.
                CREATE TABLE platformevent (
                    messageID TEXT NOT NULL REFERENCES message(id), kind TEXT NOT NULL, department TEXT NOT NULL,
                    at REAL NOT NULL, reason TEXT, source TEXT NOT NULL, recordedAt REAL NOT NULL,
                    PRIMARY KEY (messageID, kind, department, at)
                );

                -- Offline-package receipts applied, so that a receipt dropped twice is applied once.
                CREATE TABLE packagereceipt (
                    destination TEXT NOT NULL, receipt TEXT NOT NULL, file TEXT NOT NULL, appliedAt REAL NOT NULL,
                    PRIMARY KEY (destination, receipt)
                );

                -- How far each claims feed has been read.
                CREATE TABLE eventcursor (source TEXT PRIMARY KEY, cursor INTEGER NOT NULL);
                """)
        }
        migrator.registerMigration("v3: incomplete messages") { db in
            try db.execute(sql: """
                -- Why a message cannot be sent as it is (a derived 双公示 record missing a required item); its
                -- deliveries start as dead letters with the code incomplete-record.
                ALTER TABLE message ADD COLUMN incomplete TEXT;
                """)
        }
        migrator.registerMigration("v4: replayed dead letters") { db in
            try db.execute(sql: """
                -- A dead letter an operator replayed, with who and when: a later failure of the same delivery
                -- replaces its deadletter row, and the first request and answer are evidence an auditor may ask for.
                CREATE TABLE deadletterreplayed (
                    deliveryID INTEGER NOT NULL REFERENCES delivery(id),
                    parkedAt REAL NOT NULL, replayedAt REAL NOT NULL, replayedBy TEXT NOT NULL,
                    code TEXT NOT NULL, reason TEXT NOT NULL, request TEXT, response TEXT
                );
                CREATE INDEX deadletterreplayed_by_delivery ON deadletterreplayed (deliveryID);
                """)
        }
        migrator.registerMigration("v5: webhook requests and polled sources") { db in
            try db.execute(sql: """
                -- A webhook request or polled page is an import too; a webhook's own id (webhook-id) and the answer it
                -- was given, so that a request sent again is answered as before without storing anything again.
                ALTER TABLE import ADD COLUMN requestID TEXT;
                ALTER TABLE import ADD COLUMN answer TEXT;
                CREATE UNIQUE INDEX import_by_request ON import (adapter, requestID) WHERE requestID IS NOT NULL;

                -- How far each polled source has been read (its watermark), written with the records that moved it.
                CREATE TABLE sourcestate (adapter TEXT PRIMARY KEY, watermark TEXT, updatedAt REAL NOT NULL);
                """)
        }
        migrator.registerMigration("v6: imports counted by record") { db in
            try db.execute(sql: """
                -- accepted, duplicates and updated count records from now on (rows = accepted + duplicates + updated +
                -- rejected + skipped), with the messages written for them; an import row from before keeps its message
                -- counts, told apart by acceptedMessages IS NULL.
                ALTER TABLE import ADD COLUMN skipped INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE import ADD COLUMN acceptedMessages INTEGER;
                ALTER TABLE import ADD COLUMN updatedMessages INTEGER;
                """)
        }
        migrator.registerMigration("v7: the ingest event kept on the message row") { _ in
            // No table changes: from now on a message's ingest writes no history row (its import, source, location and
            // time are on the message row, what it planned in its delivery rows). Registered so that an older sgw,
            // which would show such a message without its first history line, refuses the store instead.
        }
        migrator.registerMigration("v8: departments, counterparties and warnings, access tokens, audit log") { db in
            try db.execute(sql: """
                -- The department a message is addressed to or sent by (MessageBody.department), which a department's
                -- token is scoped to; its counterparty's USCC or ID number (the counterparty view); and, for a message
                -- that restricts later approvals of its counterparty (CounterpartyWarning.Reason), why.
                ALTER TABLE message ADD COLUMN department TEXT;
                ALTER TABLE message ADD COLUMN counterparty TEXT;
                ALTER TABLE message ADD COLUMN warning TEXT;

                -- API and console tokens: only the SHA-256 of the secret is kept; departments as a JSON array.
                CREATE TABLE apitoken (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL UNIQUE, role TEXT NOT NULL, departments TEXT NOT NULL,
                    secretHash TEXT NOT NULL UNIQUE,
                    createdAt REAL NOT NULL, createdBy TEXT NOT NULL, revokedAt REAL, revokedBy TEXT
                );

                -- Append-only: every operator action (a replay, a token change, a reload, a report, an unmasked view).
                CREATE TABLE auditlog (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at REAL NOT NULL, actor TEXT NOT NULL, role TEXT NOT NULL,
                    action TEXT NOT NULL, target TEXT NOT NULL, detail TEXT NOT NULL
                );
                CREATE TRIGGER auditlog_append_only_update BEFORE UPDATE ON auditlog
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER auditlog_append_only_delete BEFORE DELETE ON auditlog
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                """)
            // The messages stored before: their department, counterparty and warning read from their bodies. A body that does
            // not decode (a hand-edited store) keeps both empty rather than stopping the upgrade.
            let update = try db.makeStatement(sql: "UPDATE message SET department = ?, counterparty = ?, warning = ? WHERE id = ?")
            let rows = try Row.fetchCursor(db, sql: "SELECT id, kind, body FROM message")
            while let row = try rows.next() {
                guard let kind = MessageKind(rawValue: row[1]),
                      let body = try? MessageBody(kind: kind, canonicalJSON: Data((row[2] as String).utf8)) else { continue }
                try update.execute(arguments: [body.department, body.counterpartyIdentity, body.warningForLaterApprovals?.rawValue,
                                               row[0] as String])
            }
            // Partial: a department's listing names it, and messages without one write no entry. The counterparty index
            // holds only the messages that warn (a few): one over every message's counterparty, a random key, made
            // the nightly import about a third slower (docs/benchmarks.md); the counterparty view reads the table.
            try db.execute(sql: """
                CREATE INDEX message_by_department ON message (department, receivedAt) WHERE department IS NOT NULL;
                CREATE INDEX message_warnings ON message (counterparty, receivedAt) WHERE warning IS NOT NULL;
                """)
        }
        migrator.registerMigration("v9: integer message keys, duties clustered by their message") { db in
            // The import's write path (issue 30): a message's deliveries and deadlines referred to it by its 36-character
            // id, each through an index of its own and a foreign-key lookup per row. Now a message has an integer key
            // (`seq`, its rowid) and each of its duties the key `seq * 16 + n`, so that a message's duties sit together
            // in their table's own b-tree and are read as one range of it (`SQLiteStore.duties(of:)`), with no index.
            // The id stays the outward name (unique). Deliveries get new ids, all above the old ones, so that an old id
            // (in an audit line, a note, a link) names no other delivery; `deliveryrenumbered` keeps the old ones.
            let tooMany = try String.fetchAll(db, sql: """
                SELECT messageID FROM delivery GROUP BY messageID HAVING COUNT(*) > 16
                UNION SELECT messageID FROM deadline GROUP BY messageID HAVING COUNT(*) > 16
                """)
            let orphans = try Int.fetchOne(db, sql: """
                SELECT (SELECT COUNT(*) FROM delivery WHERE messageID NOT IN (SELECT id FROM message))
                     + (SELECT COUNT(*) FROM deadline WHERE messageID NOT IN (SELECT id FROM message))
                """) ?? 0
            guard tooMany.isEmpty, orphans == 0 else {
                throw DatabaseError(message: "cannot upgrade to v9: \(orphans) deliveries or deadlines of no stored message; "
                                    + "more than 16 deliveries or deadlines for \(tooMany.prefix(5).joined(separator: ", "))")
            }
            try db.execute(sql: """
                CREATE TABLE message_v9 (
                    seq INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    kind TEXT NOT NULL, key TEXT NOT NULL, version INTEGER NOT NULL,
                    contentHash TEXT NOT NULL, profile TEXT NOT NULL,
                    adapter TEXT NOT NULL, source TEXT NOT NULL, location TEXT,
                    receivedAt REAL NOT NULL, decisionDate TEXT NOT NULL,
                    body TEXT NOT NULL,
                    importID INTEGER REFERENCES import(id),
                    incomplete TEXT, department TEXT, counterparty TEXT, warning TEXT,
                    UNIQUE (kind, key, version)
                );
                INSERT INTO message_v9 (seq, id, kind, key, version, contentHash, profile, adapter, source, location, receivedAt,
                                        decisionDate, body, importID, incomplete, department, counterparty, warning)
                SELECT rowid + (SELECT max(ifnull((SELECT max(id) FROM delivery), 0), ifnull((SELECT max(id) FROM deadline), 0)) / 16 + 1),
                       id, kind, key, version, contentHash, profile, adapter, source, location, receivedAt,
                       decisionDate, body, importID, incomplete, department, counterparty, warning
                FROM message ORDER BY rowid;

                CREATE TABLE delivery_v9 (
                    id INTEGER PRIMARY KEY,
                    messageSeq INTEGER GENERATED ALWAYS AS (id >> 4) VIRTUAL,
                    destination TEXT NOT NULL, duty TEXT NOT NULL,
                    dueAt REAL, provisional INTEGER NOT NULL,
                    state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
                    createdAt REAL NOT NULL,
                    notBefore REAL NOT NULL DEFAULT 0, leaseUntil REAL, leaseToken TEXT, deliveredAt REAL, receipt TEXT,
                    lastError TEXT
                );
                CREATE TABLE deliveryrenumbered (oldID INTEGER PRIMARY KEY, newID INTEGER NOT NULL);
                INSERT INTO deliveryrenumbered (oldID, newID)
                SELECT d.id, m.seq * 16 + ROW_NUMBER() OVER (PARTITION BY d.messageID ORDER BY d.id) - 1
                FROM delivery d JOIN message_v9 m ON m.id = d.messageID;
                INSERT INTO delivery_v9 (id, destination, duty, dueAt, provisional, state, attempts, createdAt, notBefore,
                                         leaseUntil, leaseToken, deliveredAt, receipt, lastError)
                SELECT r.newID, destination, duty, dueAt, provisional, state, attempts, createdAt, notBefore,
                       leaseUntil, leaseToken, deliveredAt, receipt, lastError
                FROM delivery d JOIN deliveryrenumbered r ON r.oldID = d.id ORDER BY r.newID;
                -- In two steps through negative ids: deadletter's key is the delivery's, and a new id met on the way
                -- could equal an old one not yet renumbered.
                UPDATE deadletter SET deliveryID = -(SELECT newID FROM deliveryrenumbered WHERE oldID = deliveryID);
                UPDATE deadletter SET deliveryID = -deliveryID;
                UPDATE deadletterreplayed SET deliveryID = (SELECT newID FROM deliveryrenumbered WHERE oldID = deliveryID);

                CREATE TABLE deadline_v9 (
                    id INTEGER PRIMARY KEY,
                    messageSeq INTEGER GENERATED ALWAYS AS (id >> 4) VIRTUAL,
                    duty TEXT NOT NULL, dueAt REAL NOT NULL, provisional INTEGER NOT NULL, state TEXT NOT NULL,
                    closedAt REAL, closedBy TEXT
                );
                INSERT INTO deadline_v9 (id, duty, dueAt, provisional, state, closedAt, closedBy)
                SELECT m.seq * 16 + ROW_NUMBER() OVER (PARTITION BY dl.messageID ORDER BY dl.id) - 1,
                       duty, dueAt, provisional, state, closedAt, closedBy
                FROM deadline dl JOIN message_v9 m ON m.id = dl.messageID ORDER BY 1;

                DROP TABLE delivery;
                DROP TABLE deadline;
                DROP TABLE message;
                ALTER TABLE message_v9 RENAME TO message;
                ALTER TABLE delivery_v9 RENAME TO delivery;
                ALTER TABLE deadline_v9 RENAME TO deadline;

                CREATE INDEX message_by_received ON message (receivedAt);
                CREATE INDEX message_by_department ON message (department, receivedAt) WHERE department IS NOT NULL;
                CREATE INDEX message_warnings ON message (counterparty, receivedAt) WHERE warning IS NOT NULL;
                -- Earliest deadline first per destination; deliveries without a deadline come last. The one index of
                -- deliveries: what is due or overdue across destinations is read per destination through it
                -- (`SQLiteStore.openDeliveries`). A second one by (state, dueAt), keyed like this one by a deadline
                -- spread over years in a backfill, put each chunk's entries all over it (docs/benchmarks.md).
                CREATE INDEX delivery_queue ON delivery (destination, state, ifnull(dueAt, 1e18), id);
                CREATE INDEX deadline_due ON deadline (state, dueAt);
                """)
        }
        return migrator
    }

    /// How many duties of one kind (deliveries, deadlines) a message may have: its duties' keys are `seq * 16 + n`.
    static let dutiesPerMessage: Int64 = 16
}
