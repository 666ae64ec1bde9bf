import Foundation
import GRDB
import SGWCore
import SGWStore
import SGWTesting
import Testing

/// Tokens, the audit log and a department's scope, on a real store file.
struct AccessStoreTests {
    let t0 = Date(timeIntervalSince1970: 1_764_000_000)
    let admin = Principal(name: "cli:root", role: .admin)

    @Test func aTokenIsFoundByItsSecretUntilRevokedAndOnlyItsHashIsKept() throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        let store = temporary.store
        let secret = TokenSecret.generate()
        #expect(secret.hasPrefix("sgw_") && secret.count == 47)
        let token = APIToken(name: "水利局-李四", role: .department, departments: ["区水利局"], createdAt: t0, createdBy: admin.name)
        try store.addToken(token, secretHash: TokenSecret.hash(secret), by: admin)
        #expect(try store.token(secretHash: TokenSecret.hash(secret))?.principal
                == Principal(name: "水利局-李四", role: .department, departments: ["区水利局"]))
        #expect(try store.token(secretHash: TokenSecret.hash(secret + "x")) == nil)
        let raw = try DatabaseQueue(path: temporary.databasePath).read { db in try String.fetchAll(db, sql: "SELECT * FROM apitoken").joined() }
        #expect(!raw.contains(secret))

        #expect(throws: AccessError.nameTaken("水利局-李四")) {
            try store.addToken(token, secretHash: TokenSecret.hash("other"), by: admin)
        }
        #expect(throws: AccessError.departmentsRequired()) {
            try store.addToken(APIToken(name: "d", role: .department, departments: [], createdAt: t0, createdBy: "a"),
                               secretHash: "h1", by: admin)
        }
        #expect(throws: AccessError.departmentsNotAllowed(.auditor)) {
            try store.addToken(APIToken(name: "a", role: .auditor, departments: ["区水利局"], createdAt: t0, createdBy: "a"),
                               secretHash: "h2", by: admin)
        }

        #expect(try store.revokeToken(name: "水利局-李四", by: admin, at: t0.addingTimeInterval(60)))
        #expect(try store.revokeToken(name: "水利局-李四", by: admin, at: t0.addingTimeInterval(61)) == false)
        #expect(try store.token(secretHash: TokenSecret.hash(secret)) == nil)
        #expect(try store.tokens().map(\.revokedBy) == ["cli:root"])

        let log = try store.auditLog(before: nil, limit: 10)
        #expect(log.map(\.action) == [.tokenRevoked, .tokenAdded])
        #expect(log.allSatisfy { $0.actor == "cli:root" && $0.target == "水利局-李四" })
        #expect(try store.auditLog(before: log[0].id, limit: 10).map(\.action) == [.tokenAdded])
    }

    @Test func theAuditLogIsAppendOnly() throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        try temporary.store.audit(AuditEntry(at: t0, actor: "a", role: .auditor, action: .unmaskedView, target: "message x", detail: "d"))
        let queue = try DatabaseQueue(path: temporary.databasePath)
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "DELETE FROM auditlog") } }
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "UPDATE auditlog SET actor = 'b'") } }
        #expect(try temporary.store.auditLog(before: nil, limit: 5).count == 1)
    }

    @Test func aDepartmentSeesItsOwnMessagesAndTheOnesItClaimed() throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        let store = temporary.store
        let ours = Fixtures.qufuApproval(Fixtures.approval(supervisingDepartment: "曲阜市市场监督管理局"), key: "m:a1")
        let unaddressed = Fixtures.qufuApproval(Fixtures.approval(supervisingDepartment: nil), key: "m:a2")
        let theirs = Fixtures.qufuApproval(Fixtures.approval(supervisingDepartment: "曲阜市卫生健康局"), key: "m:a3")
        _ = try store.ingest([ours, unaddressed, theirs].map { IngestItem(message: $0, deliveries: [], deadlines: []) },
                             rejections: [], importID: nil, at: t0)
        try store.record([PlatformEvent(messageID: unaddressed.envelope.id, kind: .claimed, department: "曲阜市市场监督管理局", at: t0)],
                         source: "interaction", cursor: 1, now: t0)

        let scope = MessageScope.departments(["曲阜市市场监督管理局"])
        let seen = try store.messages(MessageFilter(scope: scope), limit: 10).map(\.message.envelope.id)
        #expect(Set(seen) == [ours.envelope.id, unaddressed.envelope.id])
        #expect(try store.messages(MessageFilter(scope: .departments(["曲阜市卫生健康局"])), limit: 10).map(\.message.envelope.id)
                == [theirs.envelope.id])
        #expect(try store.messageCount(MessageFilter(scope: scope)) == 2)
        #expect(try store.isVisible(messageID: theirs.envelope.id.rawValue, to: scope) == false)
        #expect(try store.isVisible(messageID: ours.envelope.id.rawValue, to: scope))
        #expect(try store.isVisible(messageID: theirs.envelope.id.rawValue, to: .all))
        #expect(try store.messages(MessageFilter(scope: .departments([])), limit: 10).isEmpty)
        #expect(try store.messages(MessageFilter(department: "曲阜市卫生健康局"), limit: 10).map(\.message.envelope.id) == [theirs.envelope.id])
    }
}
