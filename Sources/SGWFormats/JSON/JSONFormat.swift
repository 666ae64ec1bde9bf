/// How JSON records come: a list at a path inside one document (an API page, or every page of a dump of pages), or
/// one object per line; and the limits that keep a hostile document from costing more than they allow.
public struct JSONFormat: Sendable, Hashable {
    /// Where the records are (`data.list`; `*.data.list` when the document is a list of pages; empty when the document
    /// itself is the list): see `JSONRecordsPath`.
    public var recordsPath: String
    /// One JSON object per line (JSON lines) instead of one document.
    public var lines: Bool
    /// The largest document read whole, in bytes (a JSON-lines file is streamed; only a line is bounded).
    public var maxDocumentBytes: Int
    /// The deepest nesting of arrays and objects anywhere in the document, skipped parts included (default 32).
    public var maxDepth: Int
    /// The most members of one object built into a record (default 10,000).
    public var maxMembers: Int
    /// The most elements of one array built into a record (default 10,000).
    public var maxElements: Int
    /// The most bytes of one string or number built into a record (default 1 MiB).
    public var maxValueBytes: Int
    /// The fields a mapping reads (`xdr.mc`, `list.0`), when known: every other member of a record is skipped
    /// without being built. nil builds every field.
    public var fields: Set<String>?

    /// A format.
    public init(recordsPath: String = "", lines: Bool = false, maxDocumentBytes: Int = 64 << 20, maxDepth: Int = 32,
                maxMembers: Int = 10_000, maxElements: Int = 10_000, maxValueBytes: Int = 1 << 20, fields: Set<String>? = nil) {
        self.recordsPath = recordsPath
        self.lines = lines
        self.maxDocumentBytes = maxDocumentBytes
        self.maxDepth = maxDepth
        self.maxMembers = maxMembers
        self.maxElements = maxElements
        self.maxValueBytes = maxValueBytes
        self.fields = fields
    }
}
