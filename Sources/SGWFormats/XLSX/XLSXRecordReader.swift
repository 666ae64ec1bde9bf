/// Reads the records of one sheet of an XLSX workbook: the header row's cells (trimmed) are the field names, and
/// every later row with any text is a record located by its Excel row number.
///
/// The workbook, its relationships, styles and shared strings are read when the reader is made (a file that is not
/// a zip, not a workbook or lacks the sheet fails there, naming the sheets it has); the sheet itself is inflated and
/// parsed on a background thread, at most `XLSXRowStream.capacity` rows ahead of `next`, so memory stays at the
/// shared strings plus a few hundred rows. `next` blocks while the thread catches up.
///
/// Values: text as the cell holds it; numbers as written, except in a date style, where the serial becomes
/// `YYYY-MM-DD` (with ` HH:MM:SS` when it has a time); booleans `TRUE`/`FALSE`; errors as shown (`#N/A`); a missing
/// cell is "".
public struct XLSXRecordReader: RecordReader {
    private let format: XLSXFormat
    private let rows: XLSXRowStream
    private var names: FieldNames?
    private var finished = false
    private var failure: FormatError?

    /// A reader of the sheet `format.sheet` (or the first) of the workbook at `path`.
    public init(path: String, format: XLSXFormat) throws(FormatError) {
        let package = try XLSXPackage(path: path, format: format)
        let workbook = try XLSXWorkbook(package: package)
        let sheet = try workbook.sheet(named: format.sheet, in: path)
        guard package.contains(sheet.part) else {
            throw FormatError.structure("\(path) lists sheet '\(sheet.name)' but has no part \(sheet.part)")
        }
        let job = XLSXRowStream.Job(
            path: path, format: format, part: sheet.part,
            sharedStrings: try XLSXSharedStrings.read(from: package, format: format),
            dateStyles: try XLSXStyles.dateStyles(in: package), date1904: workbook.date1904)
        self.format = format
        rows = XLSXRowStream(job: job)
    }

    /// The next record, nil at the end of the document; a `FormatError` ends reading (and is thrown again on
    /// later calls).
    public mutating func next() throws(FormatError) -> ReadResult? {
        if let failure { throw failure }
        while !finished {
            switch rows.next() {
            case .row(let number, let cells, let problem):
                guard let names else {
                    try readHeader(number: number, cells: cells)
                    continue
                }
                let location = RecordLocation(.row, number)
                if let problem {
                    return .unreadable(UnreadableRecord(location: location, code: "malformed", message: problem))
                }
                var values: [String?] = Array(cells.prefix(names.names.count))
                if values.count < names.names.count {
                    values.append(contentsOf: repeatElement("", count: names.names.count - values.count))
                }
                return .record(RawRecord(names: names, values: values, location: location))
            case .end:
                finished = true
            case .failure(let error):
                failure = error
                throw error
            }
        }
        return nil
    }

    /// The first row the thread sends is the header row, unless the sheet has none (then a data row comes first).
    private mutating func readHeader(number: Int, cells: [String]) throws(FormatError) {
        let trimmed = cells.map { XMLText.trimmed($0) }
        guard number == format.headerRow, let last = trimmed.lastIndex(where: { !$0.isEmpty }) else {
            let error = FormatError.structure("header row \(format.headerRow) is missing or empty",
                                    place: "row \(format.headerRow)")
            failure = error
            throw error
        }
        names = FieldNames(Array(trimmed[...last]))
    }
}
