import Foundation
public import SGWFormats
public import SGWMapping

/// The rejected rows of an import, written back for the sending department: the original fields, then the row
/// number and the reasons, as CSV in the source's own encoding (a CSV source) or UTF-8 with a BOM (other sources,
/// whose fields are flattened: Excel opens both), so that the sender can open it, fix the rows and send them again.
///
/// The original fields are written as they came, ID numbers and phones too: the sender must be able to find and fix
/// the row. So the file is the sender's data and as private: its folder is made 0700 and the file 0600. Every cell is
/// defused against formulas (`SpreadsheetCell`).
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
        // The field in front, unless the message begins with it (`Rejection.located`).
        let reasons = rejections.map { ($0.field.isEmpty || $0.message.hasPrefix($0.field) ? "" : "\($0.field): ") + $0.message }
            .joined(separator: "; ")
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
            let fm = FileManager.default
            let folder = (path as NSString).deletingLastPathComponent
            try fm.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            // A folder made by an older sgw, or by hand, is tightened as well.
            try fm.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder)
            guard fm.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
                  let opened = FileHandle(forWritingAtPath: path) else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
            handle = opened
        }
        try handle?.write(contentsOf: writer.take())
    }
}
