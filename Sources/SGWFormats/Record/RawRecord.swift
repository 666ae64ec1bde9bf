/// The names of a record's fields and their positions. A reader shares one instance across the records of a file
/// whose fields do not change (CSV and XLSX: the header row), so that a mapping resolves a name to a position once.
public final class FieldNames: Sendable {
    /// The names, in position order.
    public let names: [String]
    private let positions: [String: Int]

    /// Names that occur more than once (a header with two columns of one name, a JSON object with a key twice), in
    /// order of first occurrence. Which one is meant cannot be told: a mapping that reads one rejects the record.
    public let duplicates: [String]

    /// Field names; of duplicate names, the first position wins, and the name is listed in `duplicates`.
    public init(_ names: [String]) {
        self.names = names
        var positions: [String: Int] = [:]
        var duplicates: [String] = []
        for (i, n) in names.enumerated() {
            if positions[n] == nil {
                positions[n] = i
            } else if !duplicates.contains(n) {
                duplicates.append(n)
            }
        }
        self.positions = positions
        self.duplicates = duplicates
    }

    /// The position of `name`, nil when the record has no such field.
    public func position(of name: String) -> Int? { positions[name] }
}

/// One record as a format read it, before any mapping: named text values and where the record stands in its source.
///
/// Every format flattens to this shape: CSV and XLSX columns by header name; XML child elements by tag, nested ones
/// as `PARENT.CHILD`; JSON members by key, nested ones as `a.b`, array items as `a.0`.
public struct RawRecord: Sendable {
    /// The field names.
    public var names: FieldNames
    /// The values by position; nil for a field that is null (JSON `null`) or absent in this record.
    public var values: [String?]
    /// Where the record is in its source.
    public var location: RecordLocation

    /// A record.
    public init(names: FieldNames, values: [String?], location: RecordLocation) {
        self.names = names
        self.values = values
        self.location = location
    }

    /// The value of the field called `name`.
    public subscript(_ name: String) -> String? {
        guard let i = names.position(of: name), i < values.count else { return nil }
        return values[i]
    }
}

/// Where a record is in its source, as a person finds it: a spreadsheet's row number (1-based, as Excel and WPS
/// show it), the Nth record element of an XML file, or the Nth item of a JSON list.
public struct RecordLocation: Sendable, Hashable, CustomStringConvertible {
    /// The kind of place.
    public enum Unit: String, Sendable, Hashable {
        /// A line-oriented or sheet row, 1-based as a spreadsheet shows it (the header is row 1 in most files).
        case row
        /// The Nth record element of an XML document, 1-based.
        case element
        /// The Nth record of a JSON document or JSON-lines file, 1-based.
        case item
    }

    /// The unit.
    public var unit: Unit
    /// The 1-based number.
    public var number: Int
    /// The line in the file where the record starts, when it differs from `number` (XML, JSON, CSV rows with
    /// line breaks inside quotes).
    public var line: Int?
    /// The line where an unreadable record that spans lines ends (a CSV row whose quotes swallowed the lines after
    /// it): every line of `line...lastLine` is counted as a rejected row.
    public var lastLine: Int?
    /// The page of a JSON document that is a list of pages (`*.data.list`), 1-based; `number` is the item on it.
    public var page: Int?

    /// A location.
    public init(_ unit: Unit, _ number: Int, line: Int? = nil, lastLine: Int? = nil, page: Int? = nil) {
        self.unit = unit
        self.number = number
        self.line = line
        self.lastLine = lastLine
        self.page = page
    }

    /// How many rows of the source it stands for: the lines from `line` to `lastLine`, else 1.
    public var rows: Int {
        guard let line, let lastLine, lastLine > line else { return 1 }
        return lastLine - line + 1
    }

    public var description: String {
        // Appended piece by piece: every mapped message names its row, and a row's text ("row 12345") stays a small
        // string that needs no allocation, where an interpolation builds its text in a buffer first.
        var text = ""
        if let page { text += "page \(page), " }
        text += unit.rawValue
        text += " "
        text += String(number)
        if let line, let lastLine, lastLine > line {
            text += " (lines \(line)–\(lastLine))"
        } else if let line, line != number || unit != .row {
            text += " (line \(line))"
        }
        return text
    }
}

/// A record a reader could not read, though the file goes on: a wrong number of fields, bytes that are not text in
/// the declared encoding. Its bytes (as decoded, up to the format's record size limit) are kept for a rejects file;
/// `sgw map` reports only the location and the reason.
public struct UnreadableRecord: Sendable, Hashable {
    /// Where.
    public var location: RecordLocation
    /// A stable code: `field-count`, `encoding`, `too-large`, `malformed`.
    public var code: String
    /// The reason in plain words.
    public var message: String
    /// The record's raw bytes as far as they were read (bounded), for rejects files.
    public var raw: [UInt8]

    /// An unreadable record.
    public init(location: RecordLocation, code: String, message: String, raw: [UInt8] = []) {
        self.location = location
        self.code = code
        self.message = message
        self.raw = raw
    }
}

/// What a reader returns for each record.
public enum ReadResult: Sendable {
    /// A record.
    case record(RawRecord)
    /// A record that could not be read; reading goes on.
    case unreadable(UnreadableRecord)
}

/// Reads records one at a time with bounded memory: each format is a scanner over its source returning the next
/// record until nil. A `FormatError` ends the file (it cannot be read further: not a zip, a DTD, a truncated
/// document); everything else is an `UnreadableRecord` and reading goes on.
public protocol RecordReader {
    /// The next record, nil at the end.
    mutating func next() throws(FormatError) -> ReadResult?

    /// How many bytes of the file have been read, for progress; nil when the reader cannot tell (a zip entry).
    var bytesRead: Int? { get }
}

extension RecordReader {
    /// Unknown by default.
    public var bytesRead: Int? { nil }
}
