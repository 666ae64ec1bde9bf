/// Why a file cannot be read further. Records read before it stay read.
public struct FormatError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: String, Sendable {
        case io, encoding, xml, dtd, limit, zip, json, structure, malformed, cancelled, empty
    }

    private let kind: Code
    /// The reason in plain words.
    public let message: String
    /// Where in the file, when known (`line 12`, `byte 4096`, `xl/worksheets/sheet1.xml`).
    public let place: String?
    /// The stable code that reports and rejects files use.
    public var code: String { kind.rawValue }
    public var description: String { (place.map { "\($0): " } ?? "") + message }

    private init(_ kind: Code, _ message: String, place: String?) {
        self.kind = kind
        self.message = message
        self.place = place
    }

    /// The file could not be opened or read.
    public static func io(_ message: String, place: String? = nil) -> Self { Self(.io, message, place: place) }
    /// Bytes that are not text in the file's encoding, where no single record can be blamed (its start, a BOM).
    public static func encoding(_ message: String, place: String? = nil) -> Self { Self(.encoding, message, place: place) }
    /// XML that is not well-formed, as libxml2 reports it.
    public static func xml(_ message: String, place: String? = nil) -> Self { Self(.xml, message, place: place) }
    /// A document type declaration: refused before parsing (entities, external loads).
    public static func dtd(_ message: String, place: String? = nil) -> Self { Self(.dtd, message, place: place) }
    /// A size, count or depth limit was exceeded.
    public static func limit(_ message: String, place: String? = nil) -> Self { Self(.limit, message, place: place) }
    /// An XLSX file that is not a zip archive sgw can read.
    public static func zip(_ message: String, place: String? = nil) -> Self { Self(.zip, message, place: place) }
    /// JSON that is not well-formed.
    public static func json(_ message: String, place: String? = nil) -> Self { Self(.json, message, place: place) }
    /// A well-formed document without the shape its adapter names (no records path, no header row, no sheet).
    public static func structure(_ message: String, place: String? = nil) -> Self { Self(.structure, message, place: place) }
    /// A file whose text cannot be split into records (a quote never closed).
    public static func malformed(_ message: String, place: String? = nil) -> Self { Self(.malformed, message, place: place) }
    /// Reading was stopped from outside (a shutdown).
    public static func cancelled(_ message: String, place: String? = nil) -> Self { Self(.cancelled, message, place: place) }
    /// The file yields no record at all: an empty file, a header alone, a path that matches nothing.
    public static func empty(_ message: String, place: String? = nil) -> Self { Self(.empty, message, place: place) }

    /// The code of `empty`.
    public static let emptyCode = Code.empty.rawValue
    /// The code of `limit`.
    public static let limitCode = Code.limit.rawValue
}
