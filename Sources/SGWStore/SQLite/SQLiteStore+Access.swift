public import Foundation
import GRDB

/// Tokens and the audit log.
extension SQLiteStore {
    public func addToken(_ token: APIToken, secretHash: String, by actor: Principal) throws {
        try AccessError.check(token)
        let departments = String(decoding: try JSONEncoder().encode(token.departments), as: UTF8.self)
        try writer.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM apitoken WHERE name = ?", arguments: [token.name]) ?? false {
                throw AccessError.nameTaken(token.name)
            }
            try db.execute(sql: """
                INSERT INTO apitoken (name, role, departments, secretHash, createdAt, createdBy) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [token.name, token.role.rawValue, departments, secretHash,
                                 token.createdAt.timeIntervalSince1970, actor.name])
            let scope = token.departments.isEmpty ? "" : " for " + token.departments.joined(separator: ", ")
            try Self.insertAudit(db, AuditEntry(at: token.createdAt, actor: actor.name, role: actor.role, action: .tokenAdded,
                                                target: token.name, detail: "role \(token.role.rawValue)\(scope)"))
        }
    }

    public func tokens() throws -> [APIToken] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM apitoken ORDER BY id").map(Self.apiToken)
        }
    }

    public func revokeToken(name: String, by actor: Principal, at: Date) throws -> Bool {
        try writer.write { db in
            try db.execute(sql: "UPDATE apitoken SET revokedAt = ?, revokedBy = ? WHERE name = ? AND revokedAt IS NULL",
                           arguments: [at.timeIntervalSince1970, actor.name, name])
            guard db.changesCount > 0 else { return false }
            try Self.insertAudit(db, AuditEntry(at: at, actor: actor.name, role: actor.role, action: .tokenRevoked,
                                                target: name, detail: "revoked"))
            return true
        }
    }

    public func token(secretHash: String) throws -> APIToken? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM apitoken WHERE secretHash = ? AND revokedAt IS NULL",
                             arguments: [secretHash]).map(Self.apiToken)
        }
    }

    public func audit(_ entry: AuditEntry) throws {
        try writer.write { db in try Self.insertAudit(db, entry) }
    }

    public func auditLog(before: Int64?, limit: Int) throws -> [AuditEntry] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM auditlog WHERE id < ? ORDER BY id DESC LIMIT ?",
                             arguments: [before ?? Int64.max, limit]).map { row in
                guard let role = Role(rawValue: row["role"]), let action = AuditEntry.Action(rawValue: row["action"]) else {
                    throw DatabaseError(message: "audit log entry \(row["id"] as Int64): unknown role or action")
                }
                return AuditEntry(id: row["id"], at: Date(timeIntervalSince1970: row["at"]), actor: row["actor"], role: role,
                                  action: action, target: row["target"], detail: row["detail"])
            }
        }
    }

    /// Appends `entry` inside the caller's transaction, so that an action and its log line commit together.
    static func insertAudit(_ db: Database, _ entry: AuditEntry) throws {
        try db.execute(sql: "INSERT INTO auditlog (at, actor, role, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)",
                       arguments: [entry.at.timeIntervalSince1970, entry.actor, entry.role.rawValue, entry.action.rawValue,
                                   entry.target, entry.detail])
    }

    static func apiToken(_ row: Row) throws -> APIToken {
        let departments = try JSONDecoder().decode([String].self, from: Data((row["departments"] as String).utf8))
        guard let role = Role(rawValue: row["role"]) else {
            throw DatabaseError(message: "token \(row["name"] as String): unknown role \(row["role"] as String)")
        }
        return APIToken(name: row["name"], role: role, departments: departments,
                        createdAt: Date(timeIntervalSince1970: row["createdAt"]), createdBy: row["createdBy"],
                        revokedAt: (row["revokedAt"] as Double?).map(Date.init(timeIntervalSince1970:)), revokedBy: row["revokedBy"])
    }
}
