/// A row of a sheet as the parsing thread hands it to the reader.
enum XLSXRowMessage: Sendable {
    /// A row at or after the header row: its 1-based number, the cell texts by column (A is 0; trailing empty
    /// columns may be missing), and what was wrong with it, if anything (a shared string index out of range).
    case row(number: Int, cells: [String], problem: String?)
    /// The sheet ended.
    case end
    /// The sheet could not be read further.
    case failure(FormatError)
}
