/// Which sheet of an XLSX workbook holds the records, where its header is, and the limits that keep a hostile file
/// (a zip bomb) from costing more than they allow.
public struct XLSXFormat: Sendable, Hashable {
    /// The sheet's name as its tab shows it; nil for the first sheet in workbook order.
    public var sheet: String?
    /// The 1-based row number of the header row (default 1). Rows above it (a merged title row) are skipped.
    public var headerRow: Int
    /// The most bytes one zip entry may inflate to (default 512 MiB).
    public var maxEntryBytes: Int
    /// The largest inflated-to-compressed size ratio accepted for an entry over 1 MiB (default 200). Real sheets
    /// stay well under 100; zip bombs are far over it.
    public var maxInflateRatio: Int
    /// The most memory the shared strings (the workbook's string table, held whole) may take, in bytes: their text
    /// and about 32 bytes an entry (default 128 MiB).
    public var maxSharedStringsBytes: Int
    /// The most entries of the shared-string table (default 2,000,000).
    public var maxSharedStrings: Int

    /// A format.
    public init(sheet: String? = nil, headerRow: Int = 1, maxEntryBytes: Int = 512 << 20, maxInflateRatio: Int = 200,
                maxSharedStringsBytes: Int = 128 << 20, maxSharedStrings: Int = 2_000_000) {
        self.maxSharedStrings = maxSharedStrings
        self.sheet = sheet
        self.headerRow = headerRow
        self.maxEntryBytes = maxEntryBytes
        self.maxInflateRatio = maxInflateRatio
        self.maxSharedStringsBytes = maxSharedStringsBytes
    }
}
