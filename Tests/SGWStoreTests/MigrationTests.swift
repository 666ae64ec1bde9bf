import Foundation
import GRDB
import SGWCore
import SGWStore
import SGWTesting
import Testing

/// A store written by an earlier sgw opens, migrates in place, and still holds everything it held.
///
/// `Fixtures/store-v5.sqlite` was written by sgw at schema v5 (commit 39ac5a8): `sgw demo --at 2026-11-10T10:00:00+08:00`
/// (files, webhooks, polling, delivery, an offline package, claims, auto-claims six working days later, 25 held
/// records), then a corrected import of two licences (versions 2). What it holds is read from its own tables before the
/// migration, and found again through the store after it.
struct MigrationTests {
    static let fixture = Repository.root + "/Tests/SGWStoreTests/Fixtures/store-v5.sqlite"

    /// What the fixture holds, read with SQL from the schema it was written with.
    struct Held {
        var messages: [String: (kind: String, key: String, version: Int, history: Int)] = [:]
        var deliveries: [String: Int] = [:]  // "destination state" → count
        var deadlines: [String: Int] = [:]  // "duty state" → count
        var deadLetters: Set<Int64> = []
        /// Each message's deliveries ("destination duty state") and deadlines ("duty state"), sorted.
        var dutiesByMessage: [String: [String]] = [:]
        var imports = 0
        var schema: [String] = []

        /// With `renumbered`, from a store of v9 or later: duties found by their keys, dead letters named by their old
        /// delivery ids (`deliveryrenumbered`).
        init(path: String, renumbered: Bool = false) throws {
            let queue = try DatabaseQueue(path: path)
            let (joinDelivery, joinDeadline) = renumbered ? ("d.id >> 4 = m.seq", "dl.id >> 4 = m.seq")
                : ("d.messageID = m.id", "dl.messageID = m.id")
            try queue.read { db in
                schema = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
                for row in try Row.fetchAll(db, sql: """
                    SELECT m.id, m.kind, m.key, m.version, (SELECT COUNT(*) FROM history h WHERE h.messageID = m.id) AS events
                    FROM message m
                    """) {
                    messages[row["id"]] = (row["kind"], row["key"], row["version"], row["events"])
                }
                for row in try Row.fetchAll(db, sql: "SELECT destination, state, COUNT(*) AS n FROM delivery GROUP BY 1, 2") {
                    deliveries["\(row["destination"] as String) \(row["state"] as String)"] = row["n"]
                }
                for row in try Row.fetchAll(db, sql: "SELECT duty, state, COUNT(*) AS n FROM deadline GROUP BY 1, 2") {
                    deadlines["\(row["duty"] as String) \(row["state"] as String)"] = row["n"]
                }
                deadLetters = Set(try Int64.fetchAll(db, sql: renumbered ? """
                    SELECT r.oldID FROM deadletter l JOIN delivery d ON d.id = l.deliveryID
                    JOIN deliveryrenumbered r ON r.newID = l.deliveryID WHERE d.state = 'dead'
                    """ : """
                    SELECT l.deliveryID FROM deadletter l JOIN delivery d ON d.id = l.deliveryID WHERE d.state = 'dead'
                    """))
                imports = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM import") ?? 0
                for row in try Row.fetchAll(db, sql: """
                    SELECT m.id, d.destination || ' ' || d.duty || ' ' || d.state AS duty FROM message m JOIN delivery d ON \(joinDelivery)
                    UNION ALL SELECT m.id, dl.duty || ' ' || dl.state FROM message m JOIN deadline dl ON \(joinDeadline)
                    """) {
                    dutiesByMessage[row["id"], default: []].append(row["duty"])
                }
                for key in dutiesByMessage.keys { dutiesByMessage[key]!.sort() }
            }
        }
    }

    @Test func aStoreOfSchemaV5UpgradesInPlaceAndKeepsEverything() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/sgw.sqlite"
        try FileManager.default.copyItem(atPath: Self.fixture, toPath: path)
        let before = try Held(path: path)
        #expect(before.schema.last == "v5: webhook requests and polled sources")
        // The fixture is what it says: every kind of row the tests below look for is there.
        #expect(before.messages.count == 366 && before.messages.values.contains { $0.version == 2 })
        #expect(before.deadLetters.count == 25 && before.imports == 14)

        let store = try SQLiteStore(path: path)
        let after = try Held(path: path, renumbered: true)
        #expect(after.schema.count > before.schema.count, "migrated to \(after.schema.last ?? "?")")

        // Every message, every version, with at least the history it had (reading a message may add lines the
        // schema derives, never drop one).
        #expect(try store.messageCount(MessageFilter(allVersions: true)) == before.messages.count)
        for (id, held) in before.messages {
            let found = try store.message(id: id)
            #expect(found?.0.message.envelope.kind.rawValue == held.kind && found?.0.message.envelope.key == held.key
                    && found?.0.message.envelope.version == held.version, "message \(id)")
            #expect((found?.1.count ?? 0) >= held.history, "history of \(id)")
        }
        // v8 read each message's department and counterparty from its body, so that a department's scope and the
        // counterparty view find the messages stored before.
        let all = try store.messages(MessageFilter(allVersions: true), limit: 1_000)
        var byDepartment: [String: Int] = [:]
        for m in all { if let d = m.message.body.department { byDepartment[d, default: 0] += 1 } }
        #expect(!byDepartment.isEmpty)
        for (department, count) in byDepartment {
            #expect(try store.messageCount(MessageFilter(department: department, allVersions: true)) == count, "\(department)")
        }
        if let identity = all.lazy.compactMap(\.message.body.counterpartyIdentity).first {
            #expect(try store.messageCount(MessageFilter(counterparty: identity, allVersions: true))
                    == all.filter { $0.message.body.counterpartyIdentity == identity }.count)
        }
        // Deliveries by destination and state, deadlines by duty and state, dead letters: as they were.
        #expect(after.deliveries == before.deliveries && after.deadlines == before.deadlines)
        let status = try store.deliveryStatus(now: Date(), atRiskBefore: Date())
        for q in status.queues {
            #expect(q.delivered == before.deliveries["\(q.destination) delivered"] ?? 0, "\(q.destination)")
            #expect(q.deadLetters == before.deliveries["\(q.destination) dead"] ?? 0, "\(q.destination)")
        }
        #expect(after.deadLetters == before.deadLetters, "every dead letter, by its delivery's id before v9")
        // Every delivery renumbered above every old id, so that an old id names no other delivery.
        let ids = try DatabaseQueue(path: path).read { db in
            try Row.fetchOne(db, sql: "SELECT COUNT(*) AS n, max(oldID) AS oldMax, min(newID) AS newMin FROM deliveryrenumbered")
        }
        #expect(ids?["n"] == before.deliveries.values.reduce(0, +) && (ids?["newMin"] as Int64? ?? 0) > (ids?["oldMax"] as Int64? ?? .max))
        #expect(Set(try store.deadLetters(limit: 1_000).map(\.deliveryID)).count == before.deadLetters.count)
        // Each message with the deliveries and deadlines it had, in their tables and through the store.
        #expect(after.dutiesByMessage == before.dutiesByMessage)
        for (id, duties) in before.dutiesByMessage {
            let found = try store.deliveries(ofMessage: id).map { "\($0.destination) \($0.duty) \($0.state)" }
                + store.deadlines(ofMessage: id).map { "\($0.duty) \($0.state)" }
            #expect(found.sorted() == duties, "duties of \(id)")
        }
        // An import from before v6 counted messages, and says so.
        let last = try store.status(now: Date()).lastImport
        #expect(last?.countsRecords == false && last?.summary.contains("imported before sgw counted records") == true)

        // And the upgraded store takes new work: the same migration is not run twice.
        _ = try SQLiteStore(path: path)
        #expect(try Held(path: path, renumbered: true).schema == after.schema)
    }
}
