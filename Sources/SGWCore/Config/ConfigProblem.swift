/// A problem in an operator's file (profile, calendar, adapter, mapping), reported as `FILE:LINE: message`.
public struct ConfigProblem: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: String, Sendable {
        case unreadable
        case notYAML = "not-yaml"
        case unknownKey = "unknown-key"
        case missingKey = "missing-key"
        case wrongType = "wrong-type"
        case invalidValue = "invalid-value"
        case unknownName = "unknown-name"
        case conflict
    }

    private let kind: Code
    /// The file's path as the operator gave it.
    public let file: String
    /// The 1-based line, when known.
    public let line: Int?
    /// What is wrong, in plain words.
    public let message: String
    /// The stable code.
    public var code: String { kind.rawValue }
    public var description: String { "\(file):\(line.map(String.init) ?? "1"): \(message)" }

    private init(_ kind: Code, _ message: String, file: String, line: Int?) {
        self.kind = kind
        self.file = file
        self.line = line
        self.message = message
    }

    /// A file or folder that is missing or cannot be read as text.
    public static func unreadable(_ message: String, file: String, line: Int? = nil) -> Self { Self(.unreadable, message, file: file, line: line) }
    /// A file that is empty or not YAML.
    public static func notYAML(_ message: String, file: String, line: Int? = nil) -> Self { Self(.notYAML, message, file: file, line: line) }
    /// A key the file's kind does not know (with a "did you mean" when one is close).
    public static func unknownKey(_ message: String, file: String, line: Int? = nil) -> Self { Self(.unknownKey, message, file: file, line: line) }
    /// A required key that is absent.
    public static func missingKey(_ message: String, file: String, line: Int? = nil) -> Self { Self(.missingKey, message, file: file, line: line) }
    /// A value of the wrong shape: text where a mapping or a list belongs, or the other way round.
    public static func wrongType(_ message: String, file: String, line: Int? = nil) -> Self { Self(.wrongType, message, file: file, line: line) }
    /// A value its key does not accept.
    public static func invalidValue(_ message: String, file: String, line: Int? = nil) -> Self { Self(.invalidValue, message, file: file, line: line) }
    /// A name of something that does not exist (a profile, an adapter).
    public static func unknownName(_ message: String, file: String, line: Int? = nil) -> Self { Self(.unknownName, message, file: file, line: line) }
    /// Two files, or two parts of the configuration, claim the same thing (a queue, a webhook path).
    public static func conflict(_ message: String, file: String, line: Int? = nil) -> Self { Self(.conflict, message, file: file, line: line) }
}

/// One or more problems found in operator files; loading stops when there is any.
public struct ConfigProblems: Error, Sendable, CustomStringConvertible {
    /// The problems, in file order.
    public var problems: [ConfigProblem]

    /// Problems.
    public init(_ problems: [ConfigProblem]) { self.problems = problems }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
