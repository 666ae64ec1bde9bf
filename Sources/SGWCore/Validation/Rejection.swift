/// Why a record or a message is not accepted: a stable code, the field, and a message in plain words.
///
/// The code is what reports, rejects files and metrics count by; the message is for the person who fixes the
/// source. The place (file, row) is added by whoever read the record.
public struct Rejection: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// A stable rejection code, e.g. `required`, `invalid-uscc`.
    public struct Code: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A required field is missing or empty.
        public static let required = Code(rawValue: "required")
        /// A unified social credit code fails GB 32100.
        public static let invalidUSCC = Code(rawValue: "invalid-uscc")
        /// A citizen ID number fails GB 11643.
        public static let invalidIDNumber = Code(rawValue: "invalid-id-number")
        /// A legacy 15-digit ID number where an 18-digit one is required.
        public static let legacyIDNumber = Code(rawValue: "legacy-id-number")
        /// An organisation code fails GB 11714.
        public static let invalidOrganizationCode = Code(rawValue: "invalid-organization-code")
        /// A value outside its enumeration.
        public static let invalidValue = Code(rawValue: "invalid-value")
        /// Dates in the wrong order (valid-to before valid-from).
        public static let dateOrder = Code(rawValue: "date-order")
        /// A value that is not a date.
        public static let invalidDate = Code(rawValue: "invalid-date")
        /// A phone number that is not one.
        public static let invalidPhone = Code(rawValue: "invalid-phone")
        /// A number that is not a valid amount.
        public static let invalidAmount = Code(rawValue: "invalid-amount")
        /// A source value holding a control character (`SourceText`).
        public static let controlCharacter = Code(rawValue: "control-character")
        /// A source field the mapping reads occurs twice in the record (two header columns, a JSON key twice).
        public static let duplicateField = Code(rawValue: "duplicate-field")
    }

    /// The code.
    public var code: Code
    /// The canonical field, as a dotted path (`counterparty.uscc`).
    public var field: String
    /// The reason in plain words.
    public var message: String

    /// A rejection.
    public init(code: Code, field: String, message: String) {
        self.code = code
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(code): \(message)" }

    /// The message with its field in front, unless the message begins with it already (`required`'s do).
    public var located: String { field.isEmpty || message.hasPrefix(field) ? message : "\(field): \(message)" }

    /// A required field is missing, in the one wording of every such rejection, whoever finds it (a rule of the
    /// model, a mapping's `required` check): the canonical field, its name in the rules when it has one, `is
    /// required`, when (`for organisations`), and the source field when known.
    /// `counterparty.name (行政相对人名称) is required`; `counterparty.name is required; source field '行政相对人名称' is empty`.
    public static func required(_ field: String, _ label: String? = nil, when condition: String? = nil, source: String? = nil) -> Rejection {
        var message = field
        if let label, !label.isEmpty, label != field { message += " (\(label))" }
        message += " is required"
        if let condition { message += " \(condition)" }
        if let source { message += "; \(source) is empty" }
        return Rejection(code: .required, field: field, message: message)
    }
}

/// Collects rejections while a message checks its fields.
struct FieldChecks {
    var rejections: [Rejection] = []
    let prefix: String

    init(prefix: String = "") { self.prefix = prefix }

    func path(_ field: String) -> String { prefix.isEmpty ? field : "\(prefix).\(field)" }

    mutating func add(_ code: Rejection.Code, _ field: String, _ message: String) {
        rejections.append(Rejection(code: code, field: path(field), message: message))
    }

    /// Rejects a missing or blank text.
    mutating func require(_ value: String?, _ field: String, _ label: String, when condition: String? = nil) {
        if value.map(Whitespace.isBlank) ?? true {
            rejections.append(.required(path(field), label, when: condition))
        }
    }

    /// Rejects a missing value.
    mutating func require(_ value: (some Any)?, _ field: String, _ label: String, when condition: String? = nil) {
        if value == nil { rejections.append(.required(path(field), label, when: condition)) }
    }

    /// Checks a USCC when present.
    mutating func uscc(_ value: String?, _ field: String) {
        guard let value else { return }
        if let failure = USCC.check(value).failure {
            add(.invalidUSCC, field, "统一社会信用代码 \(value) is invalid: \(failure)")
        }
    }

    /// Checks a citizen ID number when present.
    mutating func idNumber(_ value: String?, _ field: String) {
        guard let value else { return }
        if let failure = CitizenID.check(value).failure {
            add(failure.reason == "legacy" ? .legacyIDNumber : .invalidIDNumber, field,
                "公民身份号码 \(Masking.idNumber(value)) is invalid: \(failure.reason): \(Masking.text(failure.detail))")
        }
    }

    /// Adds `other`'s rejections. Most are empty: appended anyway, each was a call to grow the array (the empty array
    /// is shared, never unique), eight a row in `sgw map`.
    mutating func merge(_ other: [Rejection]) {
        if other.isEmpty { return }
        if rejections.isEmpty { rejections = other } else { rejections += other }
    }
}
