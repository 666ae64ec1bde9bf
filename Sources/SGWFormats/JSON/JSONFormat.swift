/// How JSON records come: a list at a path inside one document (an API page), or one object per line.
public struct JSONFormat: Sendable, Hashable {
    /// The dotted path to the array of records (`data.list`); empty when the document itself is the array.
    public var recordsPath: String
    /// One JSON object per line (JSON lines) instead of one document.
    public var lines: Bool
    /// The largest document read whole, in bytes (a JSON-lines file is streamed; only a line is bounded).
    public var maxDocumentBytes: Int

    /// A format.
    public init(recordsPath: String = "", lines: Bool = false, maxDocumentBytes: Int = 64 << 20) {
        self.recordsPath = recordsPath
        self.lines = lines
        self.maxDocumentBytes = maxDocumentBytes
    }
}
