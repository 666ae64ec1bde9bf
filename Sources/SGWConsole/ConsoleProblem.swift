/// Why the console cannot be served: its templates are missing or do not parse. `sgw serve` refuses to start with it.
public struct ConsoleProblem: Error, Sendable, CustomStringConvertible {
    private enum Code: String {
        case missingResources = "console-resources-missing"
        case badTemplate = "console-template-invalid"
    }

    private let code: Code
    /// What went wrong, in plain words.
    public let message: String

    /// The stable code.
    public var codeName: String { code.rawValue }
    public var description: String { message }

    /// The resource bundle `name` is not beside the executable (in `folder`) nor in a checkout.
    static func missingResources(_ name: String, beside folder: String) -> ConsoleProblem {
        ConsoleProblem(code: .missingResources,
                       message: "the console's templates are missing: install the folder \(name) from the build beside the sgw binary, in \(folder)")
    }

    /// The template file `name` does not parse.
    static func badTemplate(_ name: String, _ error: any Error) -> ConsoleProblem {
        ConsoleProblem(code: .badTemplate, message: "the console template \(name) does not parse: \(error)")
    }
}
