/// One table of a report: a row per department and duty, a column per outcome, each cell the entries behind it.
/// The first column is the row's total; the columns marked `inTotal` divide it (each entry in exactly one of them),
/// so that they add up to it. Other columns (a subset, such as "pushed") are said to be outside the sum.
public struct ReportTable: Sendable, Hashable {
    /// A column.
    public struct Column: Sendable, Hashable {
        /// A stable id: CSV headers' second line, HTML anchors, XLSX sheet names.
        public var id: String
        /// The heading, in Chinese.
        public var title: String
        /// What it counts, in Chinese, shown under the table.
        public var meaning: String
        /// Whether it is one of the parts the total divides into.
        public var inTotal: Bool
    }

    /// A row: one department and duty.
    public struct Row: Sendable, Hashable {
        public var department: String, duty: String
        /// One cell per column, in the columns' order.
        public var cells: [[ReportEntry]]
        /// Who answers for the auto-claimed and overdue items of the row (claims only), in words.
        public var responsible: String?
    }

    /// A stable id: `pushes`, `claims`, `credit`.
    public var id: String
    /// The title, in Chinese.
    public var title: String
    /// A sentence on what the table covers.
    public var note: String
    public var columns: [Column]
    public var rows: [Row]

    /// The totals row: each column's entries over every row.
    public var totals: [[ReportEntry]] {
        columns.indices.map { c in rows.flatMap { $0.cells[c] } }
    }

    /// The column with this id.
    public func column(_ id: String) -> Int? { columns.firstIndex { $0.id == id } }

    /// The total over every row of the column `id`.
    public func total(_ id: String) -> Int {
        column(id).map { c in rows.reduce(0) { $0 + $1.cells[c].count } } ?? 0
    }

    /// Whether every row's parts add up to its total (and so the totals row's too).
    public var addsUp: Bool {
        rows.allSatisfy { row in
            row.cells[0].count == columns.indices.filter { columns[$0].inTotal }.reduce(0) { $0 + row.cells[$1].count }
        }
    }
}
