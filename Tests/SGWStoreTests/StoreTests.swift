import Foundation
import SGWCore
import SGWMapping
import SGWPipeline
import SGWStore
import SGWTesting
import Testing

@Suite struct StoreTests {
    static let calculator = DeadlineCalculator(calendar: try! WorkingCalendar.load(), profiles: try! ProfileCatalog.load())

    func message(_ approval: Approval, key: String = "m:X1", at: String = "2026-09-30T02:00:00Z",
                 row: Int = 2) throws -> CanonicalMessage {
        CanonicalMessage.make(body: .approval(approval), key: key, profile: "qufu",
                                  provenance: Provenance(adapter: "a", source: "f.csv", location: "row \(row)"),
                                  receivedAt: ShanghaiTime.parseInstant(at)!)
    }

    @Test func sameKeySameHashIsADuplicateAndAChangeIsANewVersion() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try SQLiteStore(dataFolder: dir.path)
        let planner = DeliveryPlanner(calculator: Self.calculator)
        let now = Date()
        let first = try message(Fixtures.approval())
        #expect(try store.ingest([planner.plan(first)], rejections: [], importID: nil, at: now) == [.accepted])
        #expect(try store.ingest([planner.plan(try message(Fixtures.approval()))], rejections: [], importID: nil, at: now) == [.duplicate])
        let corrected = Fixtures.approval(content: Fixtures.approval().content + "（更正）")
        #expect(try store.ingest([planner.plan(try message(corrected))], rejections: [], importID: nil, at: now) == [.updated(version: 2)])
        let all = try store.messages(kind: .approval, adapter: nil, since: nil, allVersions: true, limit: 10)
        #expect(all.map(\.message.envelope.version).sorted() == [1, 2])
        // Without allVersions, the record's current version only; every version from any of them.
        let current = try store.messages(kind: .approval, adapter: nil, since: nil, allVersions: false, limit: 10)
        #expect(current.map(\.message.envelope.version) == [2])
        #expect(try store.messageCount(kind: .approval, adapter: nil, since: nil, allVersions: false) == 1)
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
                try store.ingest([planner.plan(try message(approval, row: row))], rejections: [], importID: id, at: now)
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
        let versions = try store.messages(kind: .approval, adapter: nil, since: nil, allVersions: true, limit: 10).map(\.message.envelope.version)
        #expect(versions.sorted() == [1, 2, 3])
    }

    @Test func deliveriesAndDeadlinesFollowTheProfile() throws {
        let planner = DeliveryPlanner(calculator: Self.calculator)
        // qufu: approval.push at once (30 minutes after receipt), approval.claim 3 working days from the push.
        let item = planner.plan(try message(Fixtures.approval(), at: "2026-09-30T02:00:00Z"))
        #expect(item.deliveries.count == 1)
        #expect(item.deliveries[0].destination == .interaction)
        #expect(item.deliveries[0].dueAt.map(ShanghaiTime.format) == "2026-09-30T10:30:00+08:00")
        #expect(item.deadlines.map(\.duty) == [.approvalClaim])
        #expect(item.deadlines[0].dueAt == ShanghaiTime.parseInstant("2026-10-10T23:59:59+08:00"))
        // credit.publish: 7 working days from the decision date.
        let credit = CanonicalMessage.make(body: .creditLicence(Fixtures.creditLicence()), key: "k", profile: "linzi",
                                               provenance: Provenance(adapter: "a", source: "s"))
        let planned = planner.plan(credit)
        #expect(planned.deliveries.map(\.destination) == [.credit])
        #expect(planned.deliveries[0].dueAt == ShanghaiTime.parseInstant("2024-10-15T23:59:59+08:00"))
    }

    @Test func historyIsAppendOnly() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/s.sqlite"
        let store = try SQLiteStore(path: path)
        let m = try message(Fixtures.approval())
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

    @Test func importingASampleTwiceGivesDuplicatesAndAChangedRowOneUpdate() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let repo = Repository.root
        let ws = Workspace.load(directory: repo, profiles: Set(try ProfileCatalog.load().profiles.keys))
        let (adapter, mapper) = try ws.mapper(adapter: "zhoucun-supervision")
        let importer = Importer(store: try SQLiteStore(dataFolder: dir.path), planner: DeliveryPlanner(calculator: Self.calculator))
        let sample = repo + "/examples/inbox/zhoucun-supervision-utf8bom.csv"
        let (first, _, none) = try importer.importFile(adapter: adapter, mapper: mapper, path: sample)
        #expect((first.rows, first.stored.accepted, first.stored.duplicates, first.stored.updated, first.rejected) == (30, 30, 0, 0, 0))
        #expect(none == nil)
        let (again, _, before) = try importer.importFile(adapter: adapter, mapper: mapper, path: sample)
        #expect((again.rows, again.stored.accepted, again.stored.duplicates, again.stored.updated, again.rejected) == (30, 0, 30, 0, 0))
        #expect(before?.id == first.id)  // the same file is recognised by its hash
        var text = try String(contentsOfFile: sample, encoding: .utf8)
        text = text.replacingOccurrences(of: "组织食品经营许可业务培训,区市场监督管理局\n", with: "组织食品经营许可业务培训（补充）,区市场监督管理局\n",
                                          options: [], range: text.range(of: "业务培训,,,,2024-10-08,,组织食品经营许可业务培训,区市场监督管理局\n"))
        let changed = try dir.write("changed.csv", text)
        let (third, _, changedBefore) = try importer.importFile(adapter: adapter, mapper: mapper, path: changed)
        #expect((third.stored.accepted, third.stored.duplicates, third.stored.updated) == (0, 29, 1))
        #expect(changedBefore == nil)
    }

    /// A licence gives two messages (the approval and its derived 双公示 record): the summary counts records, so that
    /// they add up to the rows, and the messages written in brackets.
    @Test func importCountsRecordsWithTheirMessagesInBrackets() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let repo = Repository.root
        let ws = Workspace.load(directory: repo, profiles: Set(try ProfileCatalog.load().profiles.keys))
        let (adapter, mapper) = try ws.mapper(adapter: "zhoucun-licences")
        let store = try SQLiteStore(dataFolder: dir.path)
        let importer = Importer(store: store, planner: DeliveryPlanner(calculator: Self.calculator))
        let sample = repo + "/examples/inbox/zhoucun-licences-gbk.csv"
        let (first, _, _) = try importer.importFile(adapter: adapter, mapper: mapper, path: sample)
        #expect(first.rows == first.stored.records + first.rejected + first.skipped)
        #expect(first.rejected > 0 && first.stored.accepted > 0 && first.stored.duplicates == 0)
        #expect(first.stored.acceptedMessages == 2 * first.stored.accepted)
        #expect(try store.messageCount(kind: nil, adapter: nil, since: nil, allVersions: true) == first.stored.acceptedMessages)
        #expect(first.summary == "rows \(first.rows), accepted \(first.stored.accepted) (\(first.stored.acceptedMessages) messages), "
                + "duplicates 0, updated 0, rejected \(first.rejected)")
        // Read back from the store, the same counts.
        #expect(try store.finishedImport(adapter: adapter.name, sha256: first.sha256)?.summary == first.summary)

        let (again, _, _) = try importer.importFile(adapter: adapter, mapper: mapper, path: sample)
        #expect((again.stored.accepted, again.stored.duplicates, again.stored.acceptedMessages) == (0, first.stored.accepted, 0))
        #expect(again.rows == again.stored.records + again.rejected + again.skipped)
    }
}
