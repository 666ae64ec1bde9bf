/// Reads JSON records: the items of the list at `recordsPath` of one document (read whole, up to
/// `maxDocumentBytes`: API pages are small), every page's list when the path starts with `*`, or one object per line
/// of a JSON-lines file (streamed). Nested members become dotted field names (`xdr.mc`), array items `list.0`.
///
/// The document is scanned by `JSONScanner`, not decoded: only the records are built, and inside a record only the
/// fields a mapping reads (`JSONFormat.fields`), so a large value no one reads costs a scan, not its size in memory.
/// A syntax error ends the document with its line and column, after the records before it; a record over a limit,
/// or with text that is not UTF-8, is unreadable and the document goes on. In a JSON-lines file each line stands
/// alone: a malformed line is an unreadable record.
public struct JSONRecordReader: RecordReader {
    private let source: ByteSource

    /// Bytes read from the file so far.
    public var bytesRead: Int? { source.offset }
    private let format: JSONFormat
    private var builder: JSONRecordBuilder
    private var scanner: JSONScanner?
    private var walker: JSONDocumentWalker?
    private var index = 0
    private var lineReader: LineSplitter?
    private var failure: FormatError?

    /// A reader of `source`.
    public init(source: ByteSource, format: JSONFormat) {
        self.source = source
        self.format = format
        builder = JSONRecordBuilder(format: format)
        if format.lines { lineReader = LineSplitter(source: source, maxLineBytes: format.maxDocumentBytes) }
    }

    public mutating func next() throws(FormatError) -> ReadResult? {
        if format.lines { return try nextLine() }
        if let failure { throw failure }
        do throws(FormatError) {
            if walker == nil {
                let path = try JSONRecordsPath(format.recordsPath)
                walker = JSONDocumentWalker(path: path)
                scanner = JSONScanner(bytes: try source.readAll(limit: format.maxDocumentBytes), maxDepth: format.maxDepth)
                if scanner!.look() == nil { throw FormatError.json("the document is empty (no JSON value)") }
            }
            guard let location = try walker!.next(&scanner!) else { return nil }
            return try builder.record(&scanner!, depth: walker!.depth, location: location)
        } catch {
            failure = error
            throw error
        }
    }

    private mutating func nextLine() throws(FormatError) -> ReadResult? {
        while let line = try lineReader!.next() {
            let text = line.bytes.drop { $0 == 0x20 || $0 == 0x09 }
            if text.isEmpty { continue }
            index += 1
            let location = RecordLocation(.item, index, line: line.number)
            if line.truncated {
                return .unreadable(UnreadableRecord(location: location, code: "too-large",
                                                    message: "the line is larger than \(format.maxDocumentBytes) bytes"))
            }
            var scanner = JSONScanner(bytes: Array(text), maxDepth: format.maxDepth, firstLine: line.number)
            do throws(FormatError) {
                let result = try builder.record(&scanner, depth: 0, location: location)
                if scanner.look() != nil { throw scanner.error("more follows the line's JSON value") }
                return result
            } catch {
                return .unreadable(UnreadableRecord(location: location, code: error.code == FormatError.limitCode ? "too-deep" : "malformed",
                                                    message: error.description, raw: Array(text.prefix(format.maxValueBytes))))
            }
        }
        return nil
    }
}
