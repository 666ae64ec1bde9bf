/// Why a file cannot be read further. Records read before it stay read.
public struct FormatError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable code: `io`, `encoding`, `xml`, `dtd`, `limit`, `zip`, `json`, `structure`, `malformed`, `cancelled`,
    /// `empty` (the file yields no record).
    public var code: String
    /// The reason in plain words.
    public var message: String
    /// Where in the file, when known (`line 12`, `byte 4096`, `xl/worksheets/sheet1.xml`).
    public var place: String?

    /// An error.
    public init(code: String, message: String, place: String? = nil) {
        self.code = code
        self.message = message
        self.place = place
    }

    public var description: String { (place.map { "\($0): " } ?? "") + message }

    /// The file could not be opened or read.
    public static func io(_ message: String) -> FormatError { FormatError(code: "io", message: message) }
    /// A size or depth limit was exceeded.
    public static func limit(_ message: String, place: String? = nil) -> FormatError {
        FormatError(code: "limit", message: message, place: place)
    }
}
