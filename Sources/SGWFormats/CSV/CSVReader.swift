import SGWCore

/// Reads RFC 4180 CSV one record at a time with bounded memory: quoted fields, doubled quotes, line breaks inside
/// quotes, CRLF, LF or CR alone (old Mac exports), in UTF-8 (with or without BOM), GBK or GB18030.
///
/// Why not yaslab/CSV.swift: it decodes Unicode scalars one at a time through an InputStream and reads UTF-8/16/32
/// only, so GBK would need a second pass; this reader scans bytes (quote, delimiter and line breaks are ASCII, so
/// scanning the transcoded UTF-8 is exact) and builds each field's String once, about ten times as fast
/// (docs/benchmarks.md, "CSV reader against yaslab/CSV.swift").
public struct CSVReader: RecordReader {
    private let source: ByteSource

    /// Bytes read from the file so far.
    public var bytesRead: Int? { source.offset }
    private let format: CSVFormat
    private let transcoder: UTF8Transcoder
    private var buffer: [UInt8] = []
    /// The file's last chunk, as read.
    private var chunk: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var row = 0
    private var line = 1
    private var names: FieldNames?
    /// The byte that ends a line: LF (which a CRLF ends in too), or CR in a file whose first line ends in CR alone.
    /// Decided once from the first line end, so the common path looks for one line-end byte, as before.
    private var lineEnd = UInt8(ascii: "\n")
    private var lineEndDecided = false
    /// The file's first bytes as read, kept while the header is not read: a header that is not text in a GBK
    /// adapter's encoding may be UTF-8, and the hint must say so.
    private var head: [UInt8]?

    // The record being assembled: its bytes and where each field ends in them.
    private var recordBytes: [UInt8] = []
    private var fieldEnds: [Int] = []

    /// A reader of `source` written as `format`.
    public init(source: ByteSource, format: CSVFormat) {
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
            // A row whose quotes ran over line ends and then failed: the lines it swallowed are named and counted.
            var failed = location
            if scan.endLine > scan.startLine { failed.lastLine = scan.endLine }
            if scan.unterminated {
                // Everything after an unclosed quote is inside it: no later row can be told apart, so the file ends
                // here, saying where, rather than as one huge rejected row.
                throw FormatError.malformed("a quoted field opened in row \(row) is never closed; "
                                  + "the rest of the file from line \(scan.startLine) could not be read", place: "line \(scan.startLine)")
            }
            if scan.tooLarge {
                if row <= format.headerRow {
                    throw FormatError.limit("row \(row), at or above the header, is larger than \(format.maxRecordBytes) bytes")
                }
                return .unreadable(UnreadableRecord(
                    location: failed, code: "too-large",
                    message: Self.swallowed(failed) + "the row is larger than \(format.maxRecordBytes) bytes", raw: rawRow()))
            }
            if row < format.headerRow { continue }
            if fieldEnds.count == 1 && fieldEnds[0] == 0 { continue }  // a blank line
            guard let values = decodeFields() else {
                if row == format.headerRow {
                    // Without a header no row can be read: say so once, with the likely cause.
                    throw FormatError.encoding("the header row is not \(transcoder.resolved.rawValue) text; "
                                      + Self.headerEncodingHint(encoding: transcoder.resolved, head: head), place: "row \(row)")
                }
                return .unreadable(UnreadableRecord(
                    location: failed, code: "encoding",
                    message: Self.swallowed(failed) + "the row has bytes that are not \(transcoder.resolved.rawValue) text", raw: rawRow()))
            }
            if row == format.headerRow {
                names = FieldNames(values.map { Whitespace.trimmed($0 ?? "") })
                head = nil
                continue
            }
            guard let names else {
                throw FormatError.structure("the file ends before its header row \(format.headerRow)")
            }
            if values.count != names.names.count {
                return .unreadable(UnreadableRecord(
                    location: failed, code: "field-count",
                    message: Self.swallowed(failed) + "the row has \(values.count) fields, the header has \(names.names.count)",
                    raw: rawRow()))
            }
            return .record(RawRecord(names: names, values: values, location: location))
        }
    }

    /// The current record as a CSV row again (fields joined by the delimiter, quoted where they need it), whole: what
    /// a rejects file shows the sender of a row that could not be read, so that nothing of it is lost (a stray quote
    /// can swallow hundreds of rows into one). It is bounded by `maxRecordBytes`, like the record; a `too-large` row
    /// keeps its first `maxRecordBytes`, cut at a character's start. `recordBytes` holds the
    /// fields' contents run together, without delimiters or quotes. Built into an array of its own: a prefix of
    /// `recordBytes` would share the reader's reused buffer, whose capacity is that of the longest row so far, and the
    /// next row's `removeAll(keepingCapacity:)` then allocated that capacity again (fuzzing found a CSV of 2,000 short
    /// rejected rows after a 150 KB row reserving 8.7 GB of address space).
    private func rawRow() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(recordBytes.count + 3 * fieldEnds.count)
        var start = 0
        for (i, end) in fieldEnds.enumerated() {
            if i > 0 { out.append(format.delimiter) }
            CSVWriter.append(field: recordBytes[start..<end], delimiter: format.delimiter, to: &out)
            start = end
        }
        // A row cut at the size limit may end inside a character: drop its partial last character.
        if recordBytes.count >= format.maxRecordBytes {
            var end = out.count
            while end > 0 && out[end - 1] & 0xC0 == 0x80 { end -= 1 }
            if end > 0 && out[end - 1] >= 0xC0 { out.removeSubrange((end - 1)...) }
        }
        return out
    }

    /// The fields of the current record as Strings; nil when the record is not valid UTF-8. The record is
    /// validated once, then each field is made from its bytes. Transcoded GBK is valid UTF-8 but where the
    /// transcoder marked an undecodable sequence, so only the mark is looked for; unless the delimiter is not ASCII,
    /// when a field boundary could fall inside a character.
    private func decodeFields() -> [String?]? {
        let asciiDelimiter = format.delimiter < 0x80
        let transcoded = transcoder.outputIsValidUTF8ExceptMarker && asciiDelimiter
        return recordBytes.withUnsafeBufferPointer { bytes -> [String?]? in
            guard transcoded ? !UTF8Transcoder.containsMarker(bytes) : UTF8Check.isValid(bytes) else { return nil }
            var values: [String?] = []
            values.reserveCapacity(fieldEnds.count)
            var start = 0
            for end in fieldEnds {
                let field = UnsafeBufferPointer(rebasing: bytes[start..<end])
                // The record is valid UTF-8, and with an ASCII delimiter so is each field: an ASCII byte is never part
                // of a longer character, and the quotes removed are ASCII too. Its Strings are made without checking
                // the bytes again, which `String(decoding:)` would do for every field.
                values.append(asciiDelimiter ? String(copying: UTF8Span(unchecked: field.span)) : String(decoding: field, as: UTF8.self))
                start = end
            }
            return values
        }
    }

    private struct Scan {
        var startLine: Int
        /// The line the record ends on.
        var endLine = 0
        var tooLarge = false
        var unterminated = false
    }

    /// Scans the next record into `recordBytes`/`fieldEnds`; nil at the end of the file. Runs of ordinary bytes
    /// are found with a tight loop and copied at once; only quotes, delimiters and line feeds stop it.
    private mutating func scanRecord() throws(FormatError) -> Scan? {
        recordBytes.removeAll(keepingCapacity: true)
        fieldEnds.removeAll(keepingCapacity: true)
        if position >= buffer.count {
            try refill()
            if atEnd && position >= buffer.count { return nil }
        }
        row += 1
        var scan = Scan(startLine: line)
        let quote = UInt8(ascii: "\""), delimiter = format.delimiter, lf = lineEnd
        var inQuotes = false
        var fieldStart = true
        var quoteClosedAt = -1  // where in recordBytes the last quoted section ended
        while true {
            if position >= buffer.count {
                try refill()
                if position >= buffer.count {
                    if inQuotes { scan.unterminated = true }
                    scan.endLine = line
                    fieldEnds.append(recordBytes.count)
                    return scan
                }
            }
            if inQuotes {
                let (end, lines) = buffer.withUnsafeBufferPointer { buf -> (Int, Int) in
                    var i = position, lines = 0
                    while i < buf.count && buf[i] != quote {
                        if buf[i] == lf { lines += 1 }
                        i += 1
                    }
                    return (i, lines)
                }
                line += lines
                copy(position..<end, &scan)
                position = end
                guard end < buffer.count else { continue }  // refill and go on inside the quotes
                position += 1
                if position >= buffer.count { try refill() }
                if position < buffer.count && buffer[position] == quote {
                    copy(position..<(position + 1), &scan)  // a doubled quote
                    position += 1
                } else {
                    inQuotes = false
                    quoteClosedAt = recordBytes.count
                }
                continue
            }
            if fieldStart && buffer[position] == quote {
                inQuotes = true
                fieldStart = false
                position += 1
                continue
            }
            let end = buffer.withUnsafeBufferPointer { buf -> Int in
                Self.firstDelimiterOrLineFeed(in: buf, from: position, delimiter: delimiter, lineEnd: lf)
            }
            copy(position..<end, &scan)
            fieldStart = false
            position = end
            guard end < buffer.count else { continue }
            position += 1
            if buffer[end] == delimiter {
                fieldEnds.append(recordBytes.count)
                fieldStart = true
                continue
            }
            line += 1
            scan.endLine = line - 1
            // CRLF: drop a CR that ends the line outside quotes.
            if lf == 0x0A, recordBytes.last == UInt8(ascii: "\r"), recordBytes.count - 1 >= max(quoteClosedAt, fieldEnds.last ?? 0) {
                recordBytes.removeLast()
            }
            // In a CR file, a CRLF is one line end too.
            if lf == 0x0D {
                if position >= buffer.count { try refill() }
                if position < buffer.count && buffer[position] == 0x0A { position += 1 }
            }
            fieldEnds.append(recordBytes.count)
            return scan
        }
    }

    /// The index of the first `delimiter` or `lineEnd` in `buf` from `start`, or `buf.count`. Eight bytes at a time
    /// (`ByteWord`, whose lowest flagged byte is exact): fields are mostly long runs of bytes that are neither.
    static func firstDelimiterOrLineFeed(in buf: UnsafeBufferPointer<UInt8>, from start: Int, delimiter: UInt8,
                                         lineEnd: UInt8 = 0x0A) -> Int {
        var i = start
        if let base = buf.baseAddress {
            while i + 8 <= buf.count {
                let w = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                let found = ByteWord.equal(w, delimiter) | ByteWord.equal(w, lineEnd)
                if found != 0 { return i + found.trailingZeroBitCount / 8 }
                i += 8
            }
        }
        while i < buf.count, buf[i] != delimiter, buf[i] != lineEnd { i += 1 }
        return i
    }

    /// Appends `range` of the buffer to the record, up to the record size limit.
    @inline(__always)
    private mutating func copy(_ range: Range<Int>, _ scan: inout Scan) {
        let room = format.maxRecordBytes - recordBytes.count
        if range.count > room { scan.tooLarge = true }
        let take = min(room, range.count)
        guard take > 0 else { return }
        // From the buffer's storage: a slice of the array retained and released it for every field.
        buffer.withUnsafeBufferPointer { bytes in
            recordBytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range.lowerBound..<(range.lowerBound + take)]))
        }
    }

    /// Looks for the file's first line end: a CR not followed by LF makes CR the line end of the whole file.
    private mutating func decideLineEnd() {
        guard let i = buffer[position...].firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else {
            lineEndDecided = atEnd
            return
        }
        if buffer[i] == 0x0D {
            guard i + 1 < buffer.count || atEnd else { return }  // a CR at the chunk's end: the next chunk decides
            if i + 1 == buffer.count || buffer[i + 1] != 0x0A { lineEnd = 0x0D }
        }
        lineEndDecided = true
    }

    private mutating func refill() throws(FormatError) {
        guard !atEnd else { return }
        // What is left of the buffer moves to its front and the next chunk is decoded after it, in the same storage
        // (and the file read into the same chunk): a new array a chunk made glibc gather every small block freed since.
        buffer.removeSubrange(0..<position)
        position = 0
        repeat {
            try source.read(into: &chunk)
            let before = buffer.count
            if row <= format.headerRow && head == nil { head = Array(chunk.prefix(4096)) }
            try transcoder.convert(chunk, appendingTo: &buffer)
            if chunk.isEmpty { atEnd = true }
            if !lineEndDecided { decideLineEnd() }
            if buffer.count > before || atEnd { return }
        } while true
    }
}
