public import SGWCore

/// One step a value goes through on its way from a source field to a canonical field. A transform returns the new
/// value (nil: the field is empty), or throws a `TransformFailure` that rejects the record.
public protocol Transform: Sendable {
    /// Applies the transform. The value is consumed: a transform that changes nothing returns it as it is, with no
    /// retain and release, and most transforms of most fields change nothing.
    func apply(_ value: consuming String?) throws(TransformFailure) -> String?
}

/// Why a value could not be transformed: the record is rejected with this code and message.
public struct TransformFailure: Error, Sendable {
    /// The rejection code.
    public var code: Rejection.Code
    /// The reason in plain words.
    public var message: String

    /// A failure.
    public init(_ code: Rejection.Code, _ message: String) {
        self.code = code
        self.message = message
    }
}

/// Makes a transform from its arguments in a mapping file (a `ConfigValue`, nil for the bare-name form), recording
/// problems with their lines; returns nil when the arguments are wrong.
public typealias TransformFactory = @Sendable (_ arguments: ConfigValue?, _ context: MappingContext) -> (any Transform)?

/// What a transform factory may need besides its arguments: the mapping's code tables and folder.
public struct MappingContext {
    /// Code tables by name.
    public var tables: [String: CodeTable]
    /// The folder of the mapping file, for tables kept in their own files.
    public var folder: String
}
