/// Reads RFC 4180 CSV one record at a time with bounded memory: quoted fields, doubled quotes, line breaks inside
/// quotes, CRLF or LF, in UTF-8 (with or without BOM), GBK or GB18030.
///
/// Why not yaslab/CSV.swift: it decodes Unicode scalars one at a time through an InputStream and reads UTF-8/16/32
/// only, so GBK would need a second pass; this reader scans bytes (quote, delimiter and line breaks are ASCII, so
/// scanning the transcoded UTF-8 is exact) and builds each field's String once. Measured on the 1,000,000-row
/// benchmark file: see docs/benchmarks.md ("CSV reader").
public struct CSVReader: RecordReader {
    private let source: FileByteSource
    private let format: CSVFormat
    private let transcoder: UTF8Transcoder
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var row = 0
    private var line = 1
    private var names: FieldNames?

    // The record being assembled: its bytes and where each field ends in them.
    private var recordBytes: [UInt8] = []
    private var fieldEnds: [Int] = []

    /// A reader of `source` written as `format`.
    public init(source: FileByteSource, format: CSVFormat) {
        self.source = source
        self.format = format
        self.transcoder = UTF8Transcoder(format.encoding)
        recordBytes.reserveCapacity(4096)
    }

    /// The header's field names, once the header has been read.
    public var header: FieldNames? { names }

    /// The encoding in use (what `auto` decided, once reading started).
    public var encoding: TextEncoding { transcoder.resolved }

    public mutating func next() throws(FormatError) -> ReadResult? {
        while true {
            guard let scan = try scanRecord() else { return nil }
            let location = RecordLocation(.row, row, line: scan.startLine)
            if scan.tooLarge {
                return .unreadable(UnreadableRecord(
                    location: location, code: "too-large",
                    message: "the row is larger than \(format.maxRecordBytes) bytes", raw: recordBytes))
            }
            if scan.unterminated {
                return .unreadable(UnreadableRecord(
                    location: location, code: "malformed",
                    message: "a quoted field opened on line \(scan.startLine) is never closed", raw: Array(recordBytes.prefix(4096))))
            }
            if row < format.headerRow { continue }
            if fieldEnds.count == 1 && fieldEnds[0] == 0 { continue }  // a blank line
            guard let values = decodeFields() else {
                return .unreadable(UnreadableRecord(
                    location: location, code: "encoding",
                    message: "the row has bytes that are not \(transcoder.resolved.rawValue) text", raw: recordBytes))
            }
            if row == format.headerRow {
                names = FieldNames(values.map { ($0 ?? "").trimmingSpaces })
                continue
            }
            guard let names else {
                throw FormatError(code: "structure", message: "the file ends before its header row \(format.headerRow)")
            }
            if values.count != names.names.count {
                return .unreadable(UnreadableRecord(
                    location: location, code: "field-count",
                    message: "the row has \(values.count) fields, the header has \(names.names.count)", raw: recordBytes))
            }
            return .record(RawRecord(names: names, values: values, location: location))
        }
    }

    /// The fields of the current record as Strings; nil when a field is not valid UTF-8.
    private func decodeFields() -> [String?]? {
        var values: [String?] = []
        values.reserveCapacity(fieldEnds.count)
        var start = 0
        var valid = true
        recordBytes.withUnsafeBufferPointer { bytes in
            for end in fieldEnds {
                guard let s = String(validating: bytes[start..<end], as: UTF8.self) else {
                    valid = false
                    return
                }
                values.append(s)
                start = end
            }
        }
        return valid ? values : nil
    }

    private struct Scan {
        var startLine: Int
        var tooLarge = false
        var unterminated = false
    }

    /// Scans the next record into `recordBytes`/`fieldEnds`; nil at the end of the file.
    private mutating func scanRecord() throws(FormatError) -> Scan? {
        recordBytes.removeAll(keepingCapacity: true)
        fieldEnds.removeAll(keepingCapacity: true)
        if position >= buffer.count {
            try refill()
            if atEnd && position >= buffer.count { return nil }
        }
        row += 1
        var scan = Scan(startLine: line)
        let quote = UInt8(ascii: "\""), delimiter = format.delimiter
        var inQuotes = false
        var quotedField = false
        var fieldStart = true
        let limit = format.maxRecordBytes
        while true {
            if position >= buffer.count {
                try refill()
                if position >= buffer.count {
                    if inQuotes { scan.unterminated = true }
                    fieldEnds.append(recordBytes.count)
                    return scan
                }
            }
            let b = buffer[position]
            position += 1
            if inQuotes {
                if b == quote {
                    if position >= buffer.count { try refill() }
                    if position < buffer.count && buffer[position] == quote {
                        position += 1
                        append(quote, &scan, limit)
                    } else {
                        inQuotes = false
                    }
                } else {
                    if b == 0x0A { line += 1 }
                    append(b, &scan, limit)
                }
                continue
            }
            switch b {
            case delimiter:
                fieldEnds.append(recordBytes.count)
                fieldStart = true
                quotedField = false
                continue
            case 0x0A:
                line += 1
                if !quotedField, let last = recordBytes.last, last == 0x0D, recordBytes.count > (fieldEnds.last ?? 0) {
                    recordBytes.removeLast()
                }
                fieldEnds.append(recordBytes.count)
                return scan
            case quote where fieldStart:
                inQuotes = true
                quotedField = true
            case 0x0D where quotedField:
                break  // CR after a closing quote, before LF
            default:
                append(b, &scan, limit)
            }
            fieldStart = false
        }
    }

    @inline(__always)
    private mutating func append(_ b: UInt8, _ scan: inout Scan, _ limit: Int) {
        if recordBytes.count < limit { recordBytes.append(b) } else { scan.tooLarge = true }
    }

    private mutating func refill() throws(FormatError) {
        guard !atEnd else { return }
        var chunk: [UInt8] = []
        repeat {
            try source.read(into: &chunk)
            let converted = try transcoder.convert(chunk)
            if chunk.isEmpty { atEnd = true }
            if !converted.isEmpty || atEnd {
                if position < buffer.count {
                    buffer = Array(buffer[position...]) + converted
                } else {
                    buffer = converted
                }
                position = 0
                return
            }
        } while true
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and ideographic spaces (U+3000).
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\u{3000}" || f == "\u{FEFF}" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\u{3000}" { s.removeLast() }
        return s.count == count ? self : String(s)
    }
}
