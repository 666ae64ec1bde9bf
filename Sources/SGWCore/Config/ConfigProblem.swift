/// A problem in an operator's file (profile, calendar, adapter, mapping), reported as `FILE:LINE: message`.
public struct ConfigProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file's path as the operator gave it.
    public var file: String
    /// The 1-based line, when known.
    public var line: Int?
    /// What is wrong, in plain words.
    public var message: String

    /// A problem.
    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line.map(String.init) ?? "1"): \(message)" }
}

/// One or more problems found in operator files; loading stops when there is any.
public struct ConfigProblems: Error, Sendable, CustomStringConvertible {
    /// The problems, in file order.
    public var problems: [ConfigProblem]

    /// Problems.
    public init(_ problems: [ConfigProblem]) { self.problems = problems }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
