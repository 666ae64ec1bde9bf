import Foundation

/// The text encodings self-built systems write, as adapters name them.
public enum TextEncoding: String, Sendable, Hashable, CaseIterable {
    /// UTF-8, with or without a byte-order mark.
    case utf8 = "utf-8"
    /// UTF-8 with a byte-order mark (accepted with or without one; the BOM is dropped).
    case utf8BOM = "utf-8-bom"
    /// GBK (Excel's "ANSI" on Chinese Windows), decoded as GB18030, its superset.
    case gbk
    /// GB18030, including its four-byte sequences (rare name characters such as 䶮).
    case gb18030
    /// A BOM decides; otherwise UTF-8 when the start of the file is valid UTF-8, else GB18030.
    case auto

    /// Parses an adapter's `encoding:` value, forgiving case and the common spellings (`UTF8`, `gb2312`, `cp936`).
    public init?(name: String) {
        switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "utf-8", "utf8": self = .utf8
        case "utf-8-bom", "utf8-bom", "utf-8-sig", "utf8bom": self = .utf8BOM
        case "gbk", "gb2312", "cp936", "windows-936": self = .gbk
        case "gb18030": self = .gb18030
        case "auto": self = .auto
        default: return nil
        }
    }
}
