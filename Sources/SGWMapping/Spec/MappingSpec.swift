public import SGWCore
public import Foundation

/// A mapping: how one source system's records become canonical messages. Read from `mappings/NAME.yaml`
/// (`MappingSpec+YAML.swift`; the keys are documented in `docs/mappings.md`).
public struct MappingSpec: Sendable {
    /// The mapping's name (its file name without `.yaml`).
    public var name: String
    /// What the mapping is for.
    public var description: String?
    /// The jurisdiction profile whose deadlines apply.
    public var profile: String
    /// The source fields that identify a record in its source system.
    public var key: [String]
    /// The messages each record yields.
    public var messages: [MessageSpec]
    /// How each approval's credit.licence record is derived, when the source exports none.
    public var creditLicence: CreditDerivation?
    /// The file it was read from.
    public var file: String
}

/// One kind of message a record yields, and how each canonical field is filled.
public struct MessageSpec: Sendable {
    /// The kind.
    public var kind: MessageKind
    /// Fields in file order (the mapping's shared `fields` first, then the message's own, which override).
    public var fields: [FieldSpec]
    /// Only records that meet this yield the message.
    public var when: Condition?
    /// Checks across fields.
    public var checks: [RecordCheck]
}

/// How one canonical field is filled.
public struct FieldSpec: Sendable {
    /// Where the value comes from.
    public enum Source: Sendable {
        /// Source fields by name: the first that is not empty.
        case fields([String])
        /// A fixed value.
        case constant(String)
        /// Text with `{FIELD}` placeholders filled from source fields.
        case template([TemplatePart])
    }

    /// A piece of a template.
    public enum TemplatePart: Sendable {
        /// Literal text.
        case text(String)
        /// A source field's value.
        case field(String)
    }

    /// The canonical field, a dotted path (`counterparty.uscc`).
    public var target: String
    /// The source.
    public var source: Source
    /// The transforms, in order, with their names for messages.
    public var transforms: [(name: String, transform: any Transform)]
    /// The checks on the final value.
    public var checks: [FieldCheck]
    /// The field is filled only for records that meet this.
    public var when: Condition?
    /// The line in the mapping file.
    public var line: Int?
}

/// A condition on a source field.
public struct Condition: Sendable {
    /// The source field.
    public var field: String
    /// The value must be one of these (when given).
    public var anyOf: [String]? { didSet { anyOfIndex = anyOf.map(TextIndex.init) } }
    /// `anyOf`, for comparing a value with its words without normalizing either (see `TextIndex`).
    private var anyOfIndex: TextIndex?
    /// The value must contain one of these (when given).
    public var contains: [String]?
    /// The value must (true) or must not (false) be empty (when given).
    public var present: Bool?
    /// The value must match this regular expression (when given).
    public var matches: NSRegularExpression?

    /// A condition on `field`.
    public init(field: String, anyOf: [String]? = nil, contains: [String]? = nil, present: Bool? = nil,
                matches: NSRegularExpression? = nil) {
        (self.field, self.anyOf, self.contains, self.present, self.matches) = (field, anyOf, contains, present, matches)
        anyOfIndex = anyOf.map(TextIndex.init)
    }

    /// Whether `value` meets the condition, judged on the value trimmed: an exported ` 自然人` is still 自然人, and a
    /// cell holding only spaces is not present.
    public func holds(for value: String?) -> Bool {
        let v = value.map(Whitespace.trimmed) ?? ""
        // Each part is read through `?.`, in place: `if let` copied it, retaining and releasing what it holds, for
        // every record a condition is asked about.
        if matches != nil {
            // A value too long for a pattern (see `TextTransforms.maxPatternInput`) does not match it.
            guard v.utf16.count <= TextTransforms.maxPatternInput,
                  matches?.firstMatch(in: v, range: NSRange(v.startIndex..., in: v)) != nil else { return false }
        }
        if let present, present == v.isEmpty { return false }
        if anyOfIndex != nil, anyOfIndex?.position(of: v) == nil { return false }
        if contains?.contains(where: { v.contains($0) }) == false { return false }
        return true
    }
}
