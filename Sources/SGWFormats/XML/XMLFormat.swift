/// Where the records of an XML file are and how large it may be.
///
/// A record is an element at `recordPath`; its child elements (and attributes) are its fields. The limits keep a
/// hostile or broken file from holding more than a record's worth of memory.
public struct XMLFormat: Sendable, Hashable {
    /// The path of element names from the root to a record element, separated by `/` (`DATA/ROW`: each `ROW` child
    /// of the root `DATA`). Names are qualified names as written (`ns:ROW` when the file uses a prefix).
    public var recordPath: String
    /// The deepest element nesting allowed in the document, the root being depth 1 (default 64).
    public var maxDepth: Int
    /// The most text (values, attribute values and field names) one record may hold, in bytes (default 1 MiB).
    public var maxRecordBytes: Int
    /// The largest file read, in bytes (default 2 GiB).
    public var maxFileBytes: Int
    /// The most attributes one element may have (default 256): checked before libxml2 parses the tag.
    public var maxAttributes: Int
    /// The most bytes of one tag, `<` to `>` (default 1 MiB): checked before libxml2 parses it.
    public var maxTagBytes: Int

    /// A format.
    public init(recordPath: String, maxDepth: Int = 64, maxRecordBytes: Int = 1 << 20, maxFileBytes: Int = 2 << 30,
                maxAttributes: Int = 256,
                maxTagBytes: Int = 1 << 20) {
        self.recordPath = recordPath
        self.maxDepth = maxDepth
        self.maxRecordBytes = maxRecordBytes
        self.maxFileBytes = maxFileBytes
        self.maxAttributes = maxAttributes
        self.maxTagBytes = maxTagBytes
    }

    /// The element names of `recordPath`; empty components (a leading or doubled `/`) are dropped.
    var recordPathNames: [String] { recordPath.split(separator: "/").map(String.init) }
}
