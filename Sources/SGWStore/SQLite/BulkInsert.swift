import GRDB

extension SQLiteStore {
    /// Rows for one table, written by `write` with INSERTs of up to `rowsPerStatement` rows each: each statement opens
    /// the table's cursors and updates its AUTOINCREMENT counter once for all its rows.
    struct BulkInsert {
        let table: String
        let columns: [String]
        // Values, not `any DatabaseValueConvertible`: no existential box per value on the writer thread.
        var values: [DatabaseValue] = []
        static let rowsPerStatement = 64

        init(table: String, columns: [String]) {
            self.table = table
            self.columns = columns
        }

        mutating func add(_ row: DatabaseValue...) {
            // Statements are cut by value count: a short row would shift every later value into the wrong column.
            precondition(row.count == columns.count, "\(table): \(row.count) values for \(columns.count) columns")
            values += row
        }

        func write(_ db: Database) throws {
            let perStatement = Self.rowsPerStatement * columns.count
            var start = 0
            while start < values.count {
                let end = min(values.count, start + perStatement)
                let rows = (end - start) / columns.count
                let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
                let sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                    + Array(repeating: tuple, count: rows).joined(separator: ",")
                // Cached whatever their length: one text per row count (at most 64 a table), so that a webhook's small
                // batches do not compile their shorter statements anew at every commit.
                try db.cachedStatement(sql: sql).execute(binding: values[start..<end])
                start = end
            }
        }
    }
}
