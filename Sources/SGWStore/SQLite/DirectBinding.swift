import GRDB
import GRDBSQLite

/// The store's one way around GRDB: the values of a statement it writes per record (bulk inserts, a delivery's state)
/// bound with SQLite's C API. GRDB's `StatementArguments` copies every value through a generic that the optimizer
/// cannot specialize across the module boundary, and the import's single writer thread binds every value of every
/// record it stores (docs/benchmarks.md, Import). The statement still comes from GRDB's cache and runs through
/// GRDB's `execute()`, so errors, transactions and observation stay GRDB's; everything else binds through GRDB.
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
            case .string(var text):
                text.withUTF8 { utf8 in
                    // An empty buffer may have no address, which SQLite would take for NULL.
                    guard let base = utf8.baseAddress else { return sqlite3_bind_text(handle, index, "", 0, transient) }
                    return base.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
                        sqlite3_bind_text(handle, index, $0, CInt(utf8.count), transient)
                    }
                }
            case .blob(let data):
                data.withUnsafeBytes { sqlite3_bind_blob(handle, index, $0.baseAddress, CInt($0.count), transient) }
            }
            guard code == SQLITE_OK else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "binding value \(index) of \(statement.sql)")
            }
        }
        try statement.execute()
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
