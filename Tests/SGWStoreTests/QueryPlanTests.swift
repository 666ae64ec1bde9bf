import Foundation
import GRDB
import SGWCore
import SGWMapping
import SGWPipeline
@testable import SGWStore
import SGWTesting
import Synchronization
import Testing

/// Every index of the store serves a query the store really runs: the statements of a whole working day (an import,
/// a webhook batch, delivery waves, a failure and its replay, claims, deadlines closing, every listing and status)
/// are collected as they run, and `EXPLAIN QUERY PLAN` of each names the indexes it uses. An index no query uses is
/// only a cost on every write; one left behind by a change of a query fails here, by name.
struct QueryPlanTests {
    static let calculator = DeadlineCalculator(calendar: try! WorkingCalendar.load(), profiles: try! ProfileCatalog.load())

    @Test func everyIndexServesAQueryTheStoreRuns() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let seen = Mutex<Set<String>>([])
        let path = dir.path + "/sgw.sqlite"
        _ = try SQLiteStore(path: path)  // migrated first: the migrations' statements are not the store's queries
        let store = try SQLiteStore(path: path, statements: { sql in _ = seen.withLock { $0.insert(sql) } })
        try Self.aWorkingDay(store, dir: dir)

        let queue = try DatabaseQueue(path: path)
        let statements = seen.withLock { $0 }.filter { sql in
            let head = sql.trimmingCharacters(in: .whitespacesAndNewlines).prefix(6).uppercased()
            return ["SELECT", "UPDATE", "DELETE", "INSERT", "WITH R"].contains(String(head)) && !sql.contains("sqlite_master")
                && !sql.contains("grdb_migrations") && !sql.uppercased().hasPrefix("SELECT * FROM PRAGMA")
        }
        #expect(try Self.unusedIndexes(queue, statements).isEmpty, "\(statements.count) statements seen")
        // The check itself finds an index that no statement uses.
        try queue.write { db in try db.execute(sql: "CREATE INDEX probe_unused ON message (profile)") }
        #expect(try Self.unusedIndexes(queue, statements) == ["probe_unused"])
        #expect(statements.count > 40, "the day ran the store's queries")
    }

    /// A message's deliveries and deadlines are a range of their table's keys (`SQLiteStore.duties(_:of:)`). A
    /// statement that reads them so must find them by that range: planned through the due or queue index instead (a
    /// `state = 'open'` beside the range draws SQLite to it), it reads every open duty of the store for one message.
    @Test func aMessagesDutiesAreFoundByTheirKeysNotByAnIndexOfOpenWork() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let seen = Mutex<Set<String>>([])
        let path = dir.path + "/sgw.sqlite"
        _ = try SQLiteStore(path: path)
        let store = try SQLiteStore(path: path, statements: { sql in _ = seen.withLock { $0.insert(sql) } })
        try Self.aWorkingDay(store, dir: dir)
        let queue = try DatabaseQueue(path: path)
        let ranged = seen.withLock { $0 }.filter { $0.contains(" BETWEEN ") }
        #expect(ranged.count > 10, "the day read duties by their keys")
        let notByKey = try Self.dutiesNotFoundByKey(queue, ranged)
        #expect(notByKey == [])
        // The check itself finds a range planned through the due index.
        let bad = "SELECT id FROM deadline WHERE id BETWEEN ? AND ? AND state = 'open'"
        let found = try Self.dutiesNotFoundByKey(queue, [bad])
        #expect(found == ["deadline: SEARCH deadline USING COVERING INDEX deadline_due (state=?)"])
    }

    /// The plan lines, with the table they read, of `statements` that restrict a duty table to a range of keys and
    /// read that table otherwise than by its keys.
    static func dutiesNotFoundByKey(_ queue: DatabaseQueue, _ statements: Set<String>) throws -> [String] {
        let aliased = try Regex(#"(\w+)\.id BETWEEN "#)
        let bare = try Regex(#"(?:FROM|UPDATE) (deadline|delivery) (?:SET [^()]*? )?WHERE id BETWEEN "#)
        return try queue.read { db in
            var found: [String] = []
            for sql in statements {
                var tables = Set(sql.matches(of: aliased).compactMap { $0.output[1].substring.map(String.init) })
                tables.formUnion(sql.matches(of: bare).compactMap { $0.output[1].substring.map(String.init) })
                let explain = try db.makeStatement(sql: "EXPLAIN QUERY PLAN " + sql)
                explain.setUncheckedArguments(StatementArguments())
                for row in try Row.fetchAll(explain) {
                    let detail: String = row["detail"]
                    let words = detail.split(separator: " ")
                    guard words.count >= 2, ["SEARCH", "SCAN"].contains(words[0]), tables.contains(String(words[1])),
                          !detail.contains("INTEGER PRIMARY KEY") else { continue }
                    found.append("\(words[1]): \(detail)")
                }
            }
            return found.sorted()
        }
    }

    /// The indexes of the store that no plan of `statements` uses. Indexes that enforce a constraint (UNIQUE, a
    /// primary key that is not the rowid) serve every insert and are not asked to serve a query too.
    static func unusedIndexes(_ queue: DatabaseQueue, _ statements: Set<String>) throws -> [String] {
        try queue.read { db in
            var used: Set<String> = []
            for sql in statements {
                // Parameters left unbound (NULL): SQLite plans a statement when it prepares it, before any binding.
                let explain = try db.makeStatement(sql: "EXPLAIN QUERY PLAN " + sql)
                explain.setUncheckedArguments(StatementArguments())
                for row in try Row.fetchAll(explain) {
                    let detail: String = row["detail"]
                    for marker in ["USING INDEX ", "USING COVERING INDEX "] {
                        guard let range = detail.range(of: marker) else { continue }
                        used.insert(String(detail[range.upperBound...].prefix { $0 != " " }))
                    }
                }
            }
            var unused: [String] = []
            for index in try Row.fetchAll(db, sql: """
                SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex_%'
                """) {
                let name: String = index["name"]
                let table: String = index["tbl_name"]
                let unique = try Row.fetchAll(db, sql: "PRAGMA index_list(\(table))").contains { $0["name"] == name && $0["unique"] == 1 }
                if !unique && !used.contains(name) { unused.append(name) }
            }
            return unused.sorted()
        }
    }

    /// A working day of the store: import a file twice (the second time duplicates), a correction, a webhook batch,
    /// delivery waves with a success, a retry, a dead letter and its replay, claims, deadlines closing, and what
    /// operators read.
    static func aWorkingDay(_ store: SQLiteStore, dir: TemporaryDirectory) throws {
        let repo = Repository.root
        let ws = Workspace.load(directory: repo, profiles: Set(try ProfileCatalog.load().profiles.keys))
        let (adapter, mapper) = try ws.mapper(adapter: "zhoucun-licences")
        let planner = DeliveryPlanner(calculator: calculator)
        let importer = Importer(store: store, planner: planner)
        let sample = repo + "/examples/inbox/zhoucun-licences-gbk.csv"
        let t0 = ShanghaiTime.parseInstant("2026-11-23T10:00:00+08:00")!
        let (record, _, _) = try importer.importFile(adapter: adapter, mapper: mapper, path: sample, now: t0)
        _ = try importer.importFile(adapter: adapter, mapper: mapper, path: sample, now: t0)
        _ = try store.finishedImport(adapter: adapter.name, sha256: record.sha256)
        let corrected = Fixtures.approval(content: Fixtures.approval().content + "（更正）")
        let first = CanonicalMessage.make(body: .approval(Fixtures.approval()), key: "K", profile: "zhoucun",
                                          provenance: Provenance(adapter: "a", source: "f.csv", location: "row 2"), receivedAt: t0)
        _ = try store.ingest([planner.plan(first)], rejections: [], importID: nil, at: t0)
        let second = CanonicalMessage.make(body: .approval(corrected), key: "K", profile: "zhoucun",
                                           provenance: Provenance(adapter: "a", source: "g.csv", location: "row 2"), receivedAt: t0)
        _ = try store.ingest([planner.plan(second)], rejections: [StoredRejection(location: "row 3", row: 3, field: "f", code: .required, message: "m")],
                             importID: nil, at: t0)
        let hook = CanonicalMessage.make(body: .approval(Fixtures.approval()), key: "W1", profile: "shicheng",
                                         provenance: Provenance(adapter: "hook", source: "webhook msg_1", location: "item 1"), receivedAt: t0)
        _ = try store.intake([IntakeBatch(adapter: "hook", source: "webhook msg_1", size: 1, sha256: "x", requestID: "msg_1",
                                          items: [planner.plan(hook)], messagesPerRecord: [1], rejections: [], rows: 1, rejected: 0,
                                          watermark: "w1", answer: { _ in "{}" })], at: t0)
        _ = try store.intake([IntakeBatch(adapter: "hook", source: "webhook msg_1", size: 1, sha256: "x", requestID: "msg_1",
                                          items: [], messagesPerRecord: [], rejections: [], rows: 0, rejected: 0)], at: t0)
        _ = try store.watermark(adapter: "hook")
        try store.setWatermark(adapter: "hook", to: nil, at: t0)

        let machine = DeliveryStateMachine(configuration: .init(baseDelay: 1, maximumDelay: 10, leaseDuration: 60))
        for destination in ["interaction", "credit"] {
            var leases = try store.lease(destination: destination, now: t0, limit: 20, machine: machine)
            var reports = leases.enumerated().map { i, lease in
                switch i % 3 {
                case 0: DeliveryReport(lease: lease, event: .succeeded, jitter: 0, receipt: "R\(i)", detail: "HTTP 200",
                                       restartedDeadlines: planner.deadlinesCountedFromPush(lease.message.envelope, acknowledgedAt: t0))
                case 1: DeliveryReport(lease: lease, event: .failed(.transient(reason: "HTTP 503", retryAfter: nil)), jitter: 0, detail: "HTTP 503")
                default: DeliveryReport(lease: lease, event: .failed(.permanent(reason: "HTTP 422")), jitter: 0, detail: "HTTP 422",
                                        problem: .httpPermanent("HTTP 422"))
                }
            }
            (_, leases) = try store.complete(reports, thenLease: destination, limit: 20, now: t0.addingTimeInterval(5), machine: machine)
            reports = leases.map { DeliveryReport(lease: $0, event: .succeeded, jitter: 0, receipt: "R", detail: "HTTP 200") }
            _ = try store.complete(reports, now: t0.addingTimeInterval(6), machine: machine)
            _ = try store.lease(destination: destination, now: t0.addingTimeInterval(120), limit: 20, machine: machine)
            _ = try store.leases(destination: destination, messageIDs: [first.envelope.id.rawValue])
        }
        _ = try store.applyReceipt(destination: "pkg", receipt: "P1", file: "p.json", reports: [],
                                   claims: [PlatformEvent(messageID: MessageID(rawValue: first.envelope.id.rawValue), kind: .claimed, department: "d", at: t0)],
                                   now: t0, machine: machine)
        let letters = try store.deadLetters(limit: 100)
        _ = try store.deadLetterCount(code: DeliveryProblem.incompleteRecordCode)
        if let letter = letters.first { _ = try store.deadLetter(deliveryID: letter.deliveryID) }
        _ = try store.replay(deliveryIDs: letters.prefix(1).map(\.deliveryID), now: t0, by: Principal(name: "operator", role: .operator), machine: machine)
        _ = try store.replay(deliveryIDs: nil, now: t0, by: Principal(name: "operator", role: .operator), machine: machine)
        try store.appendHistory([(first.envelope.id.rawValue, "note", "a line")], at: t0)
        _ = try store.backlog(destinations: ["interaction", "credit"], now: t0)

        let ids = try store.messages(MessageFilter(kind: .approval), limit: 5).map(\.message.envelope.id.rawValue)
        try store.record(ids.map { PlatformEvent(messageID: MessageID(rawValue: $0), kind: .claimed, department: "区水利局", at: t0.addingTimeInterval(60)) }
                         + [PlatformEvent(messageID: MessageID(rawValue: ids[0]), kind: .dispute, department: "区水利局", reason: "not ours", at: t0)],
                         source: "interaction", cursor: 7, now: t0.addingTimeInterval(60))
        _ = try store.eventCursor(source: "interaction")
        let profiles = try ProfileCatalog.load()
        for days in [1.0, 3, 10, 30] { _ = try store.closeDueDeadlines(now: t0.addingTimeInterval(days * 86400), profiles: profiles) }
        _ = try store.recountProvisional(now: t0, loadedYears: planner.calculator.calendar.loadedYears) { planner.replan($0, acknowledgedAt: $1) }
        _ = try store.deliveryStatus(now: t0, atRiskBefore: t0.addingTimeInterval(86400))
        _ = try store.status(now: t0)
        for all in [false, true] {
            _ = try store.messages(MessageFilter(allVersions: all), limit: 10)
            _ = try store.messages(MessageFilter(kind: .approval, adapter: "zhoucun-licences", since: t0, allVersions: all), limit: 10)
            _ = try store.messageCount(MessageFilter(allVersions: all))
            _ = try store.messageCount(MessageFilter(kind: .approval, adapter: "zhoucun-licences", since: t0, allVersions: all))
        }
        let department = MessageScope.departments(["区水利局", "曲阜市市场监督管理局"])
        _ = try store.messages(MessageFilter(department: "曲阜市市场监督管理局"), limit: 10)
        _ = try store.messages(MessageFilter(counterparty: "91370881MA3C8K2X1P"), limit: 10)
        _ = try store.counterpartyRestrictions(identity: "91370881MA3C8K2X1P")
        _ = try store.messageCountsByKind(MessageFilter(counterparty: "91370881MA3C8K2X1P", scope: department))
        _ = try store.messages(MessageFilter(scope: department), limit: 10)
        _ = try store.messagePage(MessageFilter(kind: .approval, scope: department), limit: 10, offset: 10)
        _ = try store.messageCount(MessageFilter(kind: .approval, scope: department))
        _ = try store.isVisible(messageID: first.envelope.id.rawValue, to: department)
        _ = try store.message(id: first.envelope.id.rawValue)
        _ = try store.versions(ofMessage: second.envelope.id.rawValue)
        let admin = Principal(name: "admin", role: .admin)
        try store.addToken(APIToken(name: "t", role: .auditor, departments: [], createdAt: t0, createdBy: "admin"),
                           secretHash: TokenSecret.hash("s"), by: admin)
        _ = try store.token(secretHash: TokenSecret.hash("s"))
        _ = try store.tokens()
        _ = try store.revokeToken(name: "t", by: admin, at: t0)
        _ = try store.auditLog(before: nil, limit: 10)
        // The admin API's and console's reads, for everyone and for a department.
        for scope in [MessageScope.all, department] {
            _ = try store.deliveries(destination: nil, state: nil, scope: scope, limit: 10, offset: 0)
            _ = try store.deliveries(destination: "interaction", state: "delivered", scope: scope, limit: 10, offset: 0)
            _ = try store.deadLetters(scope: scope, limit: 10, offset: 0)
            for window in DueWindow.allCases {
                _ = try store.dueItems(window, now: t0, atRiskBefore: t0.addingTimeInterval(86400), scope: scope, limit: 10, offset: 0)
            }
            _ = try store.claims(department: nil, since: nil, until: nil, scope: scope, limit: 10, offset: 0)
            _ = try store.claims(department: "区水利局", since: t0, until: t0.addingTimeInterval(86400 * 30), scope: scope, limit: 10, offset: 0)
            _ = try store.claimTallies(department: nil, since: nil, until: nil, scope: scope)
            for grouping in DeliveryGrouping.allCases {
                _ = try store.deliveryTallies(by: grouping, now: t0, atRiskBefore: t0.addingTimeInterval(86400), scope: scope)
            }
            _ = try store.messages(MessageFilter(state: "auto-claimed", scope: scope), limit: 10)
        }
        _ = try store.deliveries(ofMessage: first.envelope.id.rawValue)
        _ = try store.deadlines(ofMessage: first.envelope.id.rawValue)
        _ = try store.platformEvents(ofMessage: first.envelope.id.rawValue)
        _ = try store.imports(adapter: nil, limit: 10, offset: 0)
        _ = try store.imports(adapter: adapter.name, limit: 10, offset: 0)
        _ = try store.importRecord(id: record.id)
        _ = try store.rejections(importID: record.id)
        _ = try store.adapterActivity()
        // The accountability reports: a month, one profile and department, a department's scope.
        let month = (ShanghaiTime.parseInstant("2026-11-01T00:00:00+08:00")!, ShanghaiTime.parseInstant("2026-12-01T00:00:00+08:00")!)
        for query in [ReportQuery(from: month.0, until: month.1),
                      ReportQuery(from: month.0, until: month.1, profile: "zhoucun", department: "区水利局"),
                      ReportQuery(from: month.0, until: month.1, scope: department)] {
            _ = try store.reportRows(query)
            _ = try store.periodFigures(query, now: t0)
        }
        try store.checkWritable()
    }
}
