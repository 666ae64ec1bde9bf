/// Turns a worksheet's SAX events into rows: `<row r=>` of `<c r= t= s=>` cells whose value is in `<v>` (or
/// `<is><t>` for inline strings), resolved to text: shared strings looked up, booleans as `TRUE`/`FALSE`, errors
/// as their text (`#N/A`), numbers as written except that a number in a date style becomes a date
/// (`XLSXDateSerial`). Rows above the header row are skipped unread; after the header, cells past its last
/// non-empty column are skipped, and rows with no text are not sent at all.
final class XLSXSheetHandler: XMLSAXHandler {
    /// Excel's last column is XFD, the 16384th.
    static let maxColumns = 16_384
    /// Excel's last row.
    static let maxRows = 1_048_576
    /// The most cell text one row may carry, in bytes: a row is held whole, so this bounds memory (Excel allows
    /// 32767 characters a cell).
    static let maxRowBytes = 16 << 20

    private enum Kind {
        case sheetData, row, cell, value, inlineString, run, text, other
    }

    private let headerRow: Int
    private let sharedStrings: [String]
    private let dateStyles: Set<Int>
    private let date1904: Bool
    private let part: String
    private let send: (XLSXRowMessage) throws(FormatError) -> Void

    private var stack: [Kind] = []
    private var columnLimit = XLSXSheetHandler.maxColumns
    private var rowNumber = 0
    private var skipping = false
    private var cells: [String] = []
    private var rowBytes = 0
    private var problem: String?
    private var column = -1
    private var cellType: String?
    private var cellStyle = 0
    private var collecting = false
    private var text: [UInt8] = []
    private var line = 0

    /// A handler that passes each row to `send` (which may block while the reader catches up, or throw to stop).
    init(format: XLSXFormat, sharedStrings: [String], dateStyles: Set<Int>, date1904: Bool, part: String,
         send: @escaping (XLSXRowMessage) throws(FormatError) -> Void) {
        headerRow = format.headerRow
        self.sharedStrings = sharedStrings
        self.dateStyles = dateStyles
        self.date1904 = date1904
        self.part = part
        self.send = send
    }

    func startElement(_ element: XMLElementStart, line: Int) throws(FormatError) {
        self.line = line
        let parent = stack.last
        let kind: Kind
        switch parent {
        case .other where stack.count == 1 && element.hasLocalName("sheetData"):
            kind = .sheetData
        case .row where element.hasLocalName("c"):
            kind = .cell
            startCell(element)
        case .cell where element.hasLocalName("v"):
            kind = .value
            collecting = !skipping && column < columnLimit
        case .cell where element.hasLocalName("is"):
            kind = .inlineString
        case .inlineString where element.hasLocalName("r"):
            kind = .run
        case .inlineString where element.hasLocalName("t"), .run where element.hasLocalName("t"):
            kind = .text
            collecting = !skipping && column < columnLimit
        case .sheetData where element.hasLocalName("row"):
            kind = .row
            startRow(element)
        default:
            kind = .other
        }
        stack.append(kind)
    }

    func endElement() throws(FormatError) {
        switch stack.popLast() {
        case .value, .text: collecting = false
        case .cell: try finishCell()
        case .row: try finishRow()
        default: break
        }
    }

    func text(_ bytes: UnsafeBufferPointer<UInt8>) throws(FormatError) {
        guard collecting else { return }
        rowBytes += bytes.count
        guard rowBytes <= Self.maxRowBytes else {
            throw .limit("row \(rowNumber) holds more than \(Self.maxRowBytes) bytes of text", place: "\(part) line \(line)")
        }
        text.append(contentsOf: bytes)
    }

    private func startRow(_ element: XMLElementStart) {
        // A sheet ends at row 1,048,576. A larger or unreadable number (a damaged or hostile file) counts as the next
        // row, and counting stops at the limit: `r="9223372036854775807"` then a row without `r` trapped on overflow.
        let given = element.attribute("r").flatMap { Int($0) }.flatMap { (1...Self.maxRows).contains($0) ? $0 : nil }
        rowNumber = given ?? min(rowNumber + 1, Self.maxRows)
        skipping = rowNumber < headerRow
        cells.removeAll(keepingCapacity: true)
        rowBytes = 0
        problem = nil
        column = -1
    }

    private func startCell(_ element: XMLElementStart) {
        if let reference = element.attribute("r") {
            column = Self.column(reference) ?? Self.maxColumns  // past XFD or unreadable: a column no field has
        } else {
            column += 1
        }
        cellType = element.attribute("t")
        cellStyle = element.attribute("s").flatMap { Int($0) } ?? 0
        text.removeAll(keepingCapacity: true)
    }

    private func finishCell() throws(FormatError) {
        guard !skipping, column >= 0, column < columnLimit else { return }
        let raw = String(decoding: text, as: UTF8.self)
        let value: String
        switch cellType {
        case "s" where raw.isEmpty:
            value = ""  // no <v>: some writers leave an emptied cell so
        case "s":
            guard let index = Int(XMLText.trimmed(raw)), sharedStrings.indices.contains(index) else {
                problem = problem ?? "cell \(Self.reference(column, rowNumber)) refers to shared string '\(raw)', which does not exist"
                return
            }
            value = sharedStrings[index]
        case "b":
            value = raw == "1" ? "TRUE" : raw == "0" ? "FALSE" : raw
        case "inlineStr", "str", "e", "d":
            value = raw
        default:
            value = dateStyles.contains(cellStyle) ? XLSXDateSerial.text(raw, date1904: date1904) ?? raw : raw
        }
        if cells.count <= column { cells.append(contentsOf: repeatElement("", count: column + 1 - cells.count)) }
        cells[column] = value
    }

    private func finishRow() throws(FormatError) {
        guard !skipping else { return }
        if rowNumber == headerRow {
            // Cells past the header's last named column belong to no field: stop reading them.
            columnLimit = (cells.lastIndex { !XMLText.trimmed($0).isEmpty } ?? -1) + 1
        } else if problem == nil && cells.allSatisfy(\.isEmpty) {
            return
        }
        try send(.row(number: rowNumber, cells: cells, problem: problem))
    }

    /// The 0-based column of a cell reference (`C5` → 2), nil when it has no letters or is past XFD.
    static func column(_ reference: String) -> Int? {
        var column = 0
        var letters = 0
        for byte in reference.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): column = column * 26 + Int(byte - UInt8(ascii: "A")) + 1
            case UInt8(ascii: "a")...UInt8(ascii: "z"): column = column * 26 + Int(byte - UInt8(ascii: "a")) + 1
            default:
                guard letters > 0 else { return nil }
                return column <= maxColumns ? column - 1 : nil
            }
            letters += 1
            if letters > 3 { return nil }
        }
        return letters > 0 && column <= maxColumns ? column - 1 : nil
    }

    /// `C5` for column 2 of row 5.
    static func reference(_ column: Int, _ row: Int) -> String {
        var letters = ""
        var n = column + 1
        while n > 0 {
            let digit = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(ascii: "A") + UInt8(digit))) + letters
            n = (n - 1) / 26
        }
        return letters + String(row)
    }
}
