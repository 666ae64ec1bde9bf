/// How a CSV file is written: its delimiter, encoding and where the header is.
public struct CSVFormat: Sendable, Hashable {
    /// The field delimiter (`,` by default; `;`, tab and `|` are common too).
    public var delimiter: UInt8
    /// The encoding.
    public var encoding: TextEncoding
    /// The 1-based row of the header; rows above it (titles, notes) are skipped.
    public var headerRow: Int
    /// The largest record kept, in bytes; a larger one is rejected as `too-large` and reading goes on.
    public var maxRecordBytes: Int

    /// A format; the defaults read an Excel-saved CSV.
    public init(delimiter: UInt8 = UInt8(ascii: ","), encoding: TextEncoding = .auto, headerRow: Int = 1,
                maxRecordBytes: Int = 1 << 20) {
        self.delimiter = delimiter
        self.encoding = encoding
        self.headerRow = headerRow
        self.maxRecordBytes = maxRecordBytes
    }
}
