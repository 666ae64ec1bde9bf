import Foundation
import SGWCore
import SGWMapping
import SGWPipeline
import SGWStore
import SGWTesting
import Testing

@Suite struct StoreTests {
    static let calculator = DeadlineCalculator(calendar: try! WorkingCalendar.load(), profiles: try! ProfileCatalog.load())

    /// A message's duties are keyed `seq × 16 + n` (schema v9): a 17th would take the next message's first key. A chunk
    /// holding such a message is refused whole, with the store's error naming it, and nothing of it is stored.
    @Test func aMessageWithMoreDutiesThanItsKeysHoldIsRefusedAndNothingIsStored() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try SQLiteStore(dataFolder: dir.path)
        let planner = DeliveryPlanner(calculator: Self.calculator)
        let fine = planner.plan(Fixtures.qufuApproval(Fixtures.approval()))
        let message = Fixtures.qufuApproval(Fixtures.approval(content: "十七项"))
        let seventeen = (0..<17).map { _ in
            PlannedDelivery(destination: .interaction, duty: .approvalPush, dueAt: Date(), provisional: false)
        }
        let tooMany = IngestItem(message: message, deliveries: seventeen, deadlines: [])
        #expect {
            try store.ingest([fine, tooMany], rejections: [], importID: nil, at: Date())
        } throws: { error in
            (error as? StoreError)?.code == "too-many-duties" && "\(error)".contains(message.envelope.id.rawValue)
        }
        #expect(try store.messageCount(MessageFilter(allVersions: true)) == 0, "the chunk rolled back")
        // Sixteen fit.
        let sixteen = IngestItem(message: message, deliveries: Array(seventeen.prefix(16)), deadlines: [])
        // (The same licence with another content: a new version of it.)
        #expect(try store.ingest([fine, sixteen], rejections: [], importID: nil, at: Date()) == [.accepted, .updated(version: 2)])
        #expect(try store.deliveries(ofMessage: message.envelope.id.rawValue).count == 16)
        #expect(try store.deliveries(ofMessage: fine.message.envelope.id.rawValue).count == fine.deliveries.count)
    }

    @Test func sameKeySameHashIsADuplicateAndAChangeIsANewVersion() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try SQLiteStore(dataFolder: dir.path)
        let planner = DeliveryPlanner(calculator: Self.calculator)
        let now = Date()
        let first = Fixtures.qufuApproval(Fixtures.approval())
        #expect(try store.ingest([planner.plan(first)], rejections: [], importID: nil, at: now) == [.accepted])
        #expect(try store.ingest([planner.plan(Fixtures.qufuApproval(Fixtures.approval()))], rejections: [], importID: nil, at: now) == [.duplicate])
        let corrected = Fixtures.approval(content: Fixtures.approval().content + "（更正）")
        #expect(try store.ingest([planner.plan(Fixtures.qufuApproval(corrected))], rejections: [], importID: nil, at: now) == [.updated(version: 2)])
        let all = try store.messages(MessageFilter(kind: .approval, allVersions: true), limit: 10)
        #expect(all.map(\.message.envelope.version).sorted() == [1, 2])
        // Without allVersions, the record's current version only; every version from any of them.
        let current = try store.messages(MessageFilter(kind: .approval), limit: 10)
        #expect(current.map(\.message.envelope.version) == [2])
        #expect(try store.messageCount(MessageFilter(kind: .approval)) == 1)
        #expect(try store.versions(ofMessage: first.envelope.id.rawValue).map(\.message.envelope.version) == [1, 2])
        let (stored, history) = try #require(try store.message(id: first.envelope.id.rawValue))
        #expect(stored.message.body == first.body)
        #expect(history.map(\.event) == ["ingested"])
        #expect(history[0].detail.contains("deliveries planned: interaction for approval.push due "))
    }

    /// A file that carries a record and, further down, its correction: imported again, or rerun after a kill
    /// between its chunks, it stores nothing new; the same record from another file is a change again.
    @Test func aFileWithARecordAndItsCorrectionImportedAgainStoresNothingNew() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try SQLiteStore(dataFolder: dir.path)
        let planner = DeliveryPlanner(calculator: Self.calculator)
        let now = Date()
        let corrected = Fixtures.approval(content: Fixtures.approval().content + "（更正）")
        func importFile(_ sha: String, finish: Bool, storing rows: [(Approval, Int)]) throws -> [IngestOutcome] {
            let id = try store.startImport(adapter: "a", file: "f.csv", size: 1, sha256: sha, at: now)
            // One chunk per row, as when the second row falls into the next chunk.
            let outcomes = try rows.flatMap { approval, row in
                try store.ingest([planner.plan(Fixtures.qufuApproval(approval, row: row))], rejections: [], importID: id, at: now)
            }
            if finish { try store.finishImport(ImportRecord(id: id, adapter: "a", file: "f.csv", size: 1, sha256: sha, startedAt: now)) }
            return outcomes
        }
        let rows = [(Fixtures.approval(), 2), (corrected, 3)]
        // Killed after both chunks committed, then run again; then the same file once more.
        #expect(try importFile("S1", finish: false, storing: rows) == [.accepted, .updated(version: 2)])
        #expect(try importFile("S1", finish: true, storing: rows) == [.duplicate, .duplicate])
        #expect(try importFile("S1", finish: true, storing: rows) == [.duplicate, .duplicate])
        // Another file whose row 2 gives the first content: the source went back to it, a new version.
        #expect(try importFile("S2", finish: true, storing: [(Fixtures.approval(), 2)]) == [.updated(version: 3)])
        let versions = try store.messages(MessageFilter(kind: .approval, allVersions: true), limit: 10).map(\.message.envelope.version)
        #expect(versions.sorted() == [1, 2, 3])
    }

    /// The writer tries a record's first version straight away while records come new, and reads the latest version
    /// first while they come known (`IngestWriter.store`): one chunk that switches between the two, every way, gives
    /// each record the outcome and the versions it would get alone.
    @Test func aChunkOfNewKnownAndChangedRecordsInAnyOrderGetsEachItsOutcome() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try SQLiteStore(dataFolder: dir.path)
        let planner = DeliveryPlanner(calculator: Self.calculator)
        let now = Date()
        func item(_ key: String, _ content: String = Fixtures.approval().content) -> IngestItem {
            planner.plan(Fixtures.qufuApproval(Fixtures.approval(content: content), key: key))
        }
        #expect(try store.ingest([item("A"), item("B")], rejections: [], importID: nil, at: now) == [.accepted, .accepted])
        let chunk = [item("C"), item("A"), item("B", "改"), item("D"), item("E"), item("A", "改"), item("A", "改"), item("F"),
                     item("B")]
        #expect(try store.ingest(chunk, rejections: [], importID: nil, at: now) == [
            .accepted, .duplicate, .updated(version: 2), .accepted, .accepted, .updated(version: 2), .duplicate, .accepted,
            .updated(version: 3),
        ])
        let stored = try store.messages(MessageFilter(kind: .approval, allVersions: true), limit: 20)
        let versions = Dictionary(grouping: stored, by: \.message.envelope.key).mapValues { $0.map(\.message.envelope.version).sorted() }
        #expect(versions == ["A": [1, 2], "B": [1, 2, 3], "C": [1], "D": [1], "E": [1], "F": [1]])
        for s in stored {
            #expect(try store.deliveries(ofMessage: s.message.envelope.id.rawValue).count == 1, "each version with its own delivery")
        }
    }

    /// `eachMessage` streams what `messages` returns: the same messages in the same order (newest first; among those
    /// received at one instant, the last stored first), cut at the limit.
    @Test func eachMessageHandsOverWhatMessagesReturnsInOrder() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try SQLiteStore(dataFolder: dir.path)
        let planner = DeliveryPlanner(calculator: Self.calculator)
        let instants = ["2026-09-30T02:00:00Z", "2026-09-30T02:00:00Z", "2026-10-01T02:00:00Z", "2026-09-29T02:00:00Z"]
        let items = instants.enumerated().map { i, at in planner.plan(Fixtures.qufuApproval(Fixtures.approval(), key: "K\(i)", at: at)) }
        _ = try store.ingest(items, rejections: [], importID: nil, at: Date())
        var streamed: [String] = []
        let count = try store.eachMessage(MessageFilter(), limit: 10) { streamed.append($0.message.envelope.key) }
        #expect(streamed == ["K2", "K1", "K0", "K3"])
        #expect(count == 4)
        #expect(try store.messages(MessageFilter(), limit: 10).map(\.message.envelope.key) == streamed)
        var cut: [String] = []
        #expect(try store.eachMessage(MessageFilter(), limit: 2) { cut.append($0.message.envelope.key) } == 2)
        #expect(cut == ["K2", "K1"])
    }

    @Test func historyIsAppendOnly() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/s.sqlite"
        let store = try SQLiteStore(path: path)
        let m = Fixtures.qufuApproval(Fixtures.approval())
        _ = try store.ingest([DeliveryPlanner(calculator: Self.calculator).plan(m)], rejections: [], importID: nil, at: .now)
        // The ingest itself is on the message row; a later event is a history row.
        try store.appendHistory([(m.envelope.id.rawValue, "replayed", "by an operator")], at: .now)
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sqlite.arguments = ["python3", "-c", """
            import sqlite3,sys
            c=sqlite3.connect(sys.argv[1])
            try:
                c.execute("DELETE FROM history"); c.commit(); print("deleted")
            except Exception as e:
                print("refused:", e)
            """, path]
        let pipe = Pipe()
        sqlite.standardOutput = pipe
        try sqlite.run()
        sqlite.waitUntilExit()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(out.contains("refused: history is append-only"))
    }
}
