import Foundation
import SGWCore
import SGWMapping
import SGWPipeline
import SGWStore
import SGWTesting
import Testing

/// The importer and the planner: what a file's records become in the store, and how they are counted.
@Suite struct ImporterTests {
    static let calculator = DeadlineCalculator(calendar: try! WorkingCalendar.load(), profiles: try! ProfileCatalog.load())

    @Test func deliveriesAndDeadlinesFollowTheProfile() throws {
        let planner = DeliveryPlanner(calculator: Self.calculator)
        // qufu: approval.push at once (30 minutes after receipt), approval.claim 3 working days from the push.
        let item = planner.plan(Fixtures.qufuApproval(Fixtures.approval(), at: "2026-09-30T02:00:00Z"))
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
        #expect(try store.messageCount(MessageFilter(allVersions: true)) == first.stored.acceptedMessages)
        #expect(first.summary == "rows \(first.rows), accepted \(first.stored.accepted) (\(first.stored.acceptedMessages) messages), "
                + "duplicates 0, updated 0, rejected \(first.rejected)")
        // Read back from the store, the same counts.
        #expect(try store.finishedImport(adapter: adapter.name, sha256: first.sha256)?.summary == first.summary)

        let (again, _, _) = try importer.importFile(adapter: adapter, mapper: mapper, path: sample)
        #expect((again.stored.accepted, again.stored.duplicates, again.stored.acceptedMessages) == (0, first.stored.accepted, 0))
        #expect(again.rows == again.stored.records + again.rejected + again.skipped)
    }
}
