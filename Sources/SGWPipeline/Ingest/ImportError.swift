public import SGWFormats

/// Why an import did not finish.
public struct ImportError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: String, Sendable {
        case unreadableFile = "unreadable-file"
    }

    private let kind: Code
    /// The file.
    public let file: String
    /// Why it could not be read to its end.
    public let cause: FormatError
    /// The records read before it, which are stored.
    public let recordsBefore: Int
    /// The stable code.
    public var code: String { kind.rawValue }
    public var description: String {
        "\(file): \(cause) (the \(recordsBefore) records before it are stored; the file is not marked imported)"
    }

    private init(_ kind: Code, file: String, cause: FormatError, recordsBefore: Int) {
        self.kind = kind
        self.file = file
        self.cause = cause
        self.recordsBefore = recordsBefore
    }

    /// The file could not be read to its end; the records before the error are stored.
    public static func unreadable(file: String, cause: FormatError, recordsBefore: Int) -> Self {
        Self(.unreadableFile, file: file, cause: cause, recordsBefore: recordsBefore)
    }
}
