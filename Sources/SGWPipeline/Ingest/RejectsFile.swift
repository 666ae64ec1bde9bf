import Foundation
public import SGWFormats
public import SGWMapping

/// The rejected rows of an import, written back for the sending department: the original fields, then the row
/// number and the reasons, as CSV in the source's own encoding (a CSV source) or UTF-8 with a BOM (other sources,
/// whose fields are flattened: Excel opens both), so that the sender can open it, fix the rows and send them again.
public final class RejectsFile {
    /// Where it is written.
    public let path: String
    private var writer: CSVWriter
    private var handle: FileHandle?
    private var header: [String]?
    /// Rows written.
    public private(set) var rows = 0

    /// A rejects file for a source read with `format`.
    public init(path: String, format: AdapterSpec.Format) {
        self.path = path
        switch format {
        case .csv(let f): writer = CSVWriter(delimiter: f.delimiter, encoding: f.encoding == .auto ? .utf8BOM : f.encoding)
        default: writer = CSVWriter(encoding: .utf8BOM)
        }
    }

    /// Adds a rejected record with its reasons.
    public func add(_ item: ReadResult, _ rejections: [RecordRejection]) throws {
        let reasons = rejections.map { ($0.field.isEmpty ? "" : "\($0.field): ") + $0.message }.joined(separator: "; ")
        switch item {
        case .record(let record):
            if header == nil {
                header = record.names.names
                writer.row(record.names.names + ["行号", "原因"])
            }
            writer.row(record.values.map { $0 ?? "" } + [String(record.location.number), reasons])
        case .unreadable(let u):
            if header == nil { writer.row(["原始内容", "行号", "原因"]); header = [] }
            writer.row([String(decoding: u.raw.filter { $0 != 0xFF }, as: UTF8.self), String(u.location.number), reasons])
        }
        rows += 1
        if rows % 256 == 0 { try flush() }
    }

    /// Writes what is pending; closes the file. Returns the path when any row was written, nil (and no file) else.
    public func finish() throws -> String? {
        guard rows > 0 else { return nil }
        try flush()
        try handle?.close()
        return path
    }

    private func flush() throws {
        if handle == nil {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            handle = FileHandle(forWritingAtPath: path)
        }
        try handle?.write(contentsOf: writer.take())
    }
}
