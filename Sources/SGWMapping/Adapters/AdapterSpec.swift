public import SGWFormats

/// An adapter: where records come from and in which format, and which mapping turns them into messages. Read from
/// `adapters/NAME.yaml` (`AdapterSpec+YAML.swift`; keys documented in `docs/mappings.md`).
public struct AdapterSpec: Sendable {
    /// How records arrive.
    public enum Kind: String, Sendable, CaseIterable {
        /// Files dropped in a folder (the inbox).
        case file
        /// sgw polls an HTTP API page by page.
        case httpPoll = "http-poll"
        /// The system POSTs records to sgw.
        case webhook
    }

    /// The format of the records.
    public enum Format: Sendable {
        /// CSV.
        case csv(CSVFormat)
        /// XML records at an element path.
        case xml(XMLFormat)
        /// JSON records (a list at a path, or JSON lines).
        case json(JSONFormat)
        /// An XLSX sheet.
        case xlsx(XLSXFormat)

        /// The format's name as adapters write it.
        public var name: String {
            switch self {
            case .csv: "csv"
            case .xml: "xml"
            case .json(let f): f.lines ? "jsonl" : "json"
            case .xlsx: "xlsx"
            }
        }
    }

    /// The adapter's name (its file name).
    public var name: String
    /// What it connects.
    public var description: String?
    /// The kind.
    public var kind: Kind
    /// The format.
    public var format: Format
    /// The mapping's name (`mappings/NAME.yaml`).
    public var mapping: String
    /// A profile overriding the mapping's.
    public var profile: String?
    /// Kind-specific settings (inbox, pattern, url, path, …), already checked; secrets as `${env:NAME}`.
    public var settings: [String: String]
    /// The file it was read from.
    public var file: String
    /// The line of `file.inbox` in it, for problems found with the folder later (`sgw check`).
    public var inboxLine: Int?

    /// A reader for a file in this adapter's format; `fields`, the source fields a mapping reads (a JSON reader then
    /// builds only those and skips the rest unbuilt).
    public func reader(path: String, fields: [String]? = nil) throws(FormatError) -> any RecordReader {
        if case .xlsx(let f) = format { return try XLSXRecordReader(path: path, format: f) }
        return try reader(source: try ByteSource(path: path), fields: fields)
    }

    /// A reader for bytes already in memory (a webhook's body, a polled page), called `name` in messages. A workbook
    /// is a zip archive read by its central directory at the end: only files are read as XLSX, and `sgw check` refuses
    /// an XLSX format on a webhook or http-poll adapter.
    public func reader(bytes: [UInt8], name: String, fields: [String]? = nil) throws(FormatError) -> any RecordReader {
        try reader(source: ByteSource(bytes: bytes, name: name), fields: fields)
    }

    private func reader(source: ByteSource, fields: [String]?) throws(FormatError) -> any RecordReader {
        switch format {
        case .csv(let f): return CSVReader(source: source, format: f)
        case .json(var f):
            if let fields { f.fields = Set(fields) }
            return JSONRecordReader(source: source, format: f)
        case .xml(let f): return XMLRecordReader(source: source, format: f)
        case .xlsx: throw FormatError.structure("\(source.path): XLSX is read from files only")
        }
    }
}
