/// Reads the records of an XML file: each element at `XMLFormat.recordPath` (`DATA/ROW`) is a record whose child
/// elements and attributes are its fields (see `XMLRecordBuilder` for the names).
///
/// The file is streamed through libxml2's push parser 64 KiB at a time, so memory stays at about a chunk's worth of
/// records whatever the file's size. The encoding declared in the XML declaration (UTF-8, GBK, GB18030) is honoured.
/// A document with a DOCTYPE is refused (`dtd`); a malformed or truncated document ends with an `xml` error once
/// the records completed before the fault have been returned; limits give `limit`.
public struct XMLRecordReader: RecordReader {
    /// The bytes handed to libxml2 at a time.
    static let chunkBytes = 1 << 16

    private let source: ByteSource

    /// Bytes read from the file so far.
    public var bytesRead: Int? { source.offset }
    private let format: XMLFormat
    private let builder: XMLRecordBuilder
    private let parser: XMLPushParser
    private var fedBytes = 0
    private var finished = false
    private var failure: FormatError?

    /// A reader of `source`.
    public init(source: ByteSource, format: XMLFormat) {
        self.source = source
        self.format = format
        builder = XMLRecordBuilder(path: format.recordPathNames, maxRecordBytes: format.maxRecordBytes)
        parser = XMLPushParser(handler: builder, maxDepth: format.maxDepth,
                               limits: XMLTagScanner.Limits(maxAttributes: format.maxAttributes, maxTagBytes: format.maxTagBytes))
    }

    /// A reader of the file at `path`.
    public init(path: String, format: XMLFormat) throws(FormatError) {
        self.init(source: try ByteSource(path: path), format: format)
    }

    /// The next record, nil at the end of the document; a `FormatError` ends reading (and is thrown again on
    /// later calls).
    public mutating func next() throws(FormatError) -> ReadResult? {
        while true {
            if let record = builder.take() { return .record(record) }
            // An error waits until the records completed before it have been returned; then it stays.
            if let failure { throw failure }
            if finished { return nil }
            do {
                try feedChunk()
            } catch {
                failure = error
            }
        }
    }

    private mutating func feedChunk() throws(FormatError) {
        var chunk: [UInt8] = []
        try source.read(into: &chunk, count: Self.chunkBytes)
        if chunk.isEmpty {
            finished = true
            try parser.finish()
            // A record path that matches nothing read 0 records and passed as a success: it is the file's error.
            if builder.recordCount == 0 {
                throw FormatError.structure("no element is at record_path '\(format.recordPath)'"
                                  + (builder.rootName.map { "; the root element is <\($0)>" } ?? ""))
            }
            return
        }
        fedBytes += chunk.count
        guard fedBytes <= format.maxFileBytes else {
            throw .limit("\(source.path) is larger than \(format.maxFileBytes) bytes", place: "byte \(format.maxFileBytes)")
        }
        try parser.feed(chunk)
    }
}
