import GRDB
import GRDBSQLite

/// The store's one way around GRDB: the values of a statement it writes per record (bulk inserts, a delivery's state)
/// bound with SQLite's C API. GRDB's `StatementArguments` copies every value through a generic that the optimizer
/// cannot specialize across the module boundary, and the import's single writer thread binds every value of every
/// record it stores (docs/benchmarks.md, Import). The statement still comes from GRDB's cache and runs through
/// GRDB's `execute()`, so errors, transactions and observation stay GRDB's; everything else binds through GRDB.
/// The import's own rows go one step further (`RowStatement`): stepped with SQLite's C API too, inside GRDB's
/// transaction, one row a step.
enum DirectBinding {
    /// Binds `values` to `statement`'s parameters 1…n, then lets GRDB run it.
    static func execute(_ statement: Statement, binding values: ArraySlice<DatabaseValue>) throws {
        statement.setUncheckedArguments(StatementArguments())  // reset, clear, and mark as bound for GRDB
        let handle = statement.sqliteStatement
        for (offset, value) in values.enumerated() {
            let index = CInt(offset + 1)
            let code: CInt = switch value.storage {
            case .null: sqlite3_bind_null(handle, index)
            case .int64(let v): sqlite3_bind_int64(handle, index, v)
            case .double(let v): sqlite3_bind_double(handle, index, v)
            case .string(let text): bindText(text, handle, index)
            case .blob(let data):
                data.withUnsafeBytes { sqlite3_bind_blob(handle, index, $0.baseAddress, CInt($0.count), transient) }
            }
            guard code == SQLITE_OK else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "binding value \(index) of \(statement.sql)")
            }
        }
        try statement.execute()
    }

    /// Binds `text` as parameter `index` of `handle`, its UTF-8 bytes copied by SQLite.
    static func bindText(_ text: String, _ handle: SQLiteStatement, _ index: CInt) -> CInt {
        var text = text
        return text.withUTF8 { utf8 in
            // An empty buffer may have no address, which SQLite would take for NULL.
            guard let base = utf8.baseAddress else { return sqlite3_bind_text(handle, index, "", 0, transient) }
            return base.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
                sqlite3_bind_text(handle, index, $0, CInt(utf8.count), transient)
            }
        }
    }

    /// SQLite's SQLITE_TRANSIENT: it copies the bytes before the call returns, so no Swift buffer outlives its scope.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

extension Statement {
    /// `DirectBinding.execute(self, binding: values)`.
    func execute(binding values: ArraySlice<DatabaseValue>) throws {
        try DirectBinding.execute(self, binding: values)
    }
}

/// A statement the import's writer runs once per row (an insert, a lookup), bound and stepped through SQLite's C API
/// as the values come: no `DatabaseValue` per value, no array of them, no statement text per batch. It still comes
/// from GRDB's cache and runs inside GRDB's transaction; an error is thrown as GRDB's `DatabaseError`.
struct RowStatement {
    private let statement: Statement
    private let connection: OpaquePointer?
    private var next: CInt = 1
    private var bindFailure: CInt = SQLITE_OK

    init(_ db: Database, _ sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
        connection = db.sqliteConnection
    }

    private var handle: SQLiteStatement { statement.sqliteStatement }

    private mutating func bound(_ code: CInt) {
        if code != SQLITE_OK, bindFailure == SQLITE_OK { bindFailure = code }
        next += 1
    }

    mutating func bind(_ value: Int64) { bound(sqlite3_bind_int64(handle, next, value)) }
    mutating func bind(_ value: Int) { bind(Int64(value)) }
    mutating func bind(_ value: Bool) { bind(Int64(value ? 1 : 0)) }
    mutating func bind(_ value: Double) { bound(sqlite3_bind_double(handle, next, value)) }
    mutating func bindNull() { bound(sqlite3_bind_null(handle, next)) }

    mutating func bind(_ value: String) { bound(DirectBinding.bindText(value, handle, next)) }

    mutating func bind(_ value: String?) {
        if let value { bind(value) } else { bindNull() }
    }

    mutating func bind(_ value: Double?) {
        if let value { bind(value) } else { bindNull() }
    }

    /// Runs an insert or update with the values bound, and readies the statement for the next row. Returns whether it
    /// changed a row (an insert `ON CONFLICT DO NOTHING` that met its conflict did not).
    @discardableResult
    mutating func run() throws -> Bool {
        defer { reset() }
        try checkBound()
        let code = sqlite3_step(handle)
        if code != SQLITE_DONE, code != SQLITE_ROW { try check(code) }
        return sqlite3_changes(connection) > 0
    }

    /// Runs a query with the values bound and hands its first row, if any, to `read`; readies the statement again.
    mutating func first<T>(_ read: (SQLiteStatement) -> T) throws -> T? {
        defer { reset() }
        try checkBound()
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return read(handle) }
        if code == SQLITE_DONE { return nil }
        try check(code)
        return nil
    }

    private mutating func reset() {
        sqlite3_reset(handle)
        next = 1
        bindFailure = SQLITE_OK
    }

    /// Every parameter bound, each without error: a value left out would run with the previous row's.
    private func checkBound() throws {
        try check(bindFailure)
        let expected = sqlite3_bind_parameter_count(handle)
        guard next - 1 == expected else {
            throw DatabaseError(message: "\(next - 1) values bound for \(expected) parameters", sql: statement.sql)
        }
    }

    private func check(_ code: CInt) throws {
        guard code != SQLITE_OK else { return }
        let message = connection.flatMap { sqlite3_errmsg($0).map { String(cString: $0) } } ?? "SQLite error \(code)"
        throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }
}
