import Foundation

/// Reads JSON records: the items of the array at `recordsPath` of one document (read whole, up to
/// `maxDocumentBytes`: API pages are small), or one object per line of a JSON-lines file (streamed).
/// Nested members become dotted field names (`xdr.mc`), array items `list.0`.
public struct JSONRecordReader: RecordReader {
    private let source: ByteSource

    /// Bytes read from the file so far.
    public var bytesRead: Int? { source.offset }
    private let format: JSONFormat
    private var items: [JSONValue]?
    private var index = 0
    private var lineReader: LineSplitter?

    /// A reader of `source`.
    public init(source: ByteSource, format: JSONFormat) {
        self.source = source
        self.format = format
        if format.lines { lineReader = LineSplitter(source: source, maxLineBytes: format.maxDocumentBytes) }
    }

    public mutating func next() throws(FormatError) -> ReadResult? {
        if format.lines { return try nextLine() }
        if items == nil { items = try loadDocument() }
        guard let items, index < items.count else { return nil }
        index += 1
        return Self.record(items[index - 1], location: RecordLocation(.item, index))
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
            if Self.nestsDeeper(line.bytes, than: Self.maxDepth) {
                return .unreadable(UnreadableRecord(location: location, code: "too-deep",
                                                    message: "the line nests arrays and objects deeper than \(Self.maxDepth) levels"))
            }
            guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(line.bytes)) else {
                return .unreadable(UnreadableRecord(location: location, code: "malformed",
                                                    message: "the line is not a JSON value", raw: Array(line.bytes.prefix(4096))))
            }
            return Self.record(value, location: location)
        }
        return nil
    }

    private func loadDocument() throws(FormatError) -> [JSONValue] {
        let bytes = try source.readAll(limit: format.maxDocumentBytes)
        if Self.nestsDeeper(bytes, than: Self.maxDepth) {
            throw FormatError(code: "limit", message: "the document nests arrays and objects deeper than \(Self.maxDepth) levels")
        }
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        } catch {
            throw FormatError(code: "json", message: "not a JSON document: \(Self.describe(error))")
        }
        guard let list = value.at(path: format.recordsPath) else {
            throw FormatError(code: "structure", message: "the document has nothing at '\(format.recordsPath)'")
        }
        switch list {
        case .array(let items): return items
        case .object: return [list]  // a single record, as a webhook posts it
        default: throw FormatError(code: "structure", message: "'\(format.recordsPath)' is not a record or a list of records")
        }
    }

    private static func record(_ value: JSONValue, location: RecordLocation) -> ReadResult {
        guard case .object = value else {
            return .unreadable(UnreadableRecord(location: location, code: "malformed", message: "the record is not a JSON object"))
        }
        var pairs: [(String, String?)] = []
        value.flatten(into: &pairs)
        return .record(RawRecord(names: FieldNames(pairs.map(\.0)), values: pairs.map(\.1), location: location))
    }

    /// How deep a document or line may nest. Business records nest a few levels; JSONDecoder rebuilds the whole coding
    /// path for every value (and for each type it probes), so the cost grows with leaves × depth²: 450 levels with
    /// 1,500 leaves (a 6 KB line) took 20 s, 100 levels with 10,000 leaves 7.6 s (found by fuzzing).
    static let maxDepth = 32

    /// Whether arrays and objects in `bytes` nest deeper than `limit`, strings skipped: a scan before decoding.
    static func nestsDeeper(_ bytes: some Collection<UInt8>, than limit: Int) -> Bool {
        var depth = 0
        var inString = false, escaped = false
        for b in bytes {
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch b {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                if depth > limit { return true }
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
        return false
    }

    private static func describe(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            return (context.underlyingError.map { "\($0)" } ?? context.debugDescription)
        }
        return "\(error)"
    }
}

/// Splits a byte source into lines with bounded memory (a longer line keeps its first `maxLineBytes`).
struct LineSplitter {
    struct Line {
        var bytes: ArraySlice<UInt8>
        var number: Int
        var truncated: Bool
    }

    let source: ByteSource
    let maxLineBytes: Int
    private var buffer: [UInt8] = []
    private var position = 0
    private var number = 0
    private var atEnd = false

    init(source: ByteSource, maxLineBytes: Int) {
        self.source = source
        self.maxLineBytes = maxLineBytes
    }

    mutating func next() throws(FormatError) -> Line? {
        var line: [UInt8] = []
        var truncated = false
        while true {
            if position >= buffer.count {
                if atEnd { break }
                try source.read(into: &buffer)
                position = 0
                if buffer.isEmpty { atEnd = true; break }
                if number == 0 && line.isEmpty && buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
            }
            if let nl = buffer[position...].firstIndex(of: 0x0A) {
                take(buffer[position..<nl], into: &line, truncated: &truncated)
                position = nl + 1
                number += 1
                return Line(bytes: trimCR(line), number: number, truncated: truncated)
            }
            take(buffer[position...], into: &line, truncated: &truncated)
            position = buffer.count
        }
        guard !line.isEmpty else { return nil }
        number += 1
        return Line(bytes: trimCR(line), number: number, truncated: truncated)
    }

    private func take(_ chunk: ArraySlice<UInt8>, into line: inout [UInt8], truncated: inout Bool) {
        let room = maxLineBytes - line.count
        if chunk.count > room { truncated = true }
        if room > 0 { line.append(contentsOf: chunk.prefix(room)) }
    }

    private func trimCR(_ line: [UInt8]) -> ArraySlice<UInt8> {
        line.last == 0x0D ? line.dropLast() : line[...]
    }
}
