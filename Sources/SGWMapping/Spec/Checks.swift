import Foundation
public import SGWCore

/// A check on one canonical field's final value; a failure rejects the record with the field named.
public enum FieldCheck: Sendable {
    /// Not empty.
    case required
    /// A valid USCC (GB 32100).
    case uscc
    /// A valid citizen ID number (GB 11643).
    case idNumber
    /// A mainland mobile (1[3-9] and 9 digits) or landline number (0 and 9 to 11 digits, an extension allowed).
    case phone
    /// One of the values.
    case oneOf([String])
    /// A date YYYY-MM-DD.
    case date

    /// The names as mappings write them, with their summaries.
    public static let names: [String: String] = [
        "required": "the field must not be empty",
        "uscc": "a valid 统一社会信用代码 (GB 32100, with the organisation code inside)",
        "id_number": "a valid 公民身份号码 (GB 11643; 15-digit legacy numbers are rejected)",
        "phone": "a mobile number 1XXXXXXXXXX or a landline 0XXX-XXXXXXX (separators removed first)",
        "enum": "[A, B, …]: one of the listed values",
        "date": "a date YYYY-MM-DD (after a date transform)",
    ]

    /// The rejection for `value` in `field`, nil when the check passes. Empty values pass every check but `required`.
    public func failure(_ value: String?, field: String) -> Rejection? {
        verdict(value, field: field).rejection
    }

    /// The rejection for `value` in `field`, or, when it passes, the value as the message keeps it: an identity code
    /// in its canonical form (trimmed, upper case), since the check accepts ` 9137…` and `…x` and the platforms and
    /// the counterparty kind (the `92` prefix) need the code as written by the standard; any other value as it is.
    public func verdict(_ value: String?, field: String) -> (value: String?, rejection: Rejection?) {
        guard let value, !value.isEmpty else {
            if case .required = self { return (value, .required(field)) }
            return (value, nil)
        }
        switch self {
        case .required: return (value, nil)
        case .uscc:
            let check = USCC.check(value)
            guard let f = check.failure else { return (check.normalized, nil) }
            return (value, Rejection(code: .invalidUSCC, field: field, message: "统一社会信用代码 \(value) is invalid: \(f)"))
        case .idNumber:
            let check = CitizenID.check(value)
            guard let f = check.failure else { return (check.normalized, nil) }
            return (value, Rejection(code: f.reason == "legacy" ? .legacyIDNumber : .invalidIDNumber, field: field,
                                     message: "公民身份号码 \(Masking.idNumber(value)) is invalid: \(f.reason): \(Masking.text(f.detail))"))
        default:
            return (value, rejection(value, field: field))
        }
    }

    /// The rejection of the checks with nothing to normalize.
    private func rejection(_ value: String, field: String) -> Rejection? {
        switch self {
        case .required, .uscc, .idNumber: return nil
        case .phone:
            return Self.isPhone(value) ? nil : Rejection(code: .invalidPhone, field: field,
                                                         message: "\(Masking.phone(value)) is not a mobile or landline number")
        case .oneOf(let values):
            return values.contains(value) ? nil : Rejection(code: .invalidValue, field: field,
                                                            message: "'\(value)' is not one of \(values.joined(separator: ", "))")
        case .date:
            return LocalDate(value) != nil ? nil : Rejection(code: .invalidDate, field: field, message: "'\(value)' is not a date YYYY-MM-DD")
        }
    }

    /// Byte by byte on the UTF-8: the separators and markers are ASCII (or 转), and no byte of a multi-byte
    /// character equals an ASCII one; a filter over Characters segmented graphemes for every phone field.
    /// The separators are dropped into a buffer on the stack: a filtered array per phone field was an allocation
    /// per record.
    static func isPhone(_ raw: String) -> Bool {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: raw.utf8.count) { buffer in
            var count = 0
            for b in raw.utf8 where b != UInt8(ascii: "-") && b != UInt8(ascii: " ") {
                buffer[count] = b
                count += 1
            }
            return isPhone(digitsAndMarkers: UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
    }

    /// Whether `text` starts with `转` (E8 BD AC), the extension marker of Chinese numbers. Compared byte by byte:
    /// its bytes in a lazily made global cost a `swift_once` call at each use.
    private static func startsWithZhuan(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        text.count >= 3 && text[text.startIndex] == 0xE8 && text[text.startIndex + 1] == 0xBD
            && text[text.startIndex + 2] == 0xAC
    }

    private static func isPhone(digitsAndMarkers: UnsafeBufferPointer<UInt8>) -> Bool {
        var text = digitsAndMarkers[...]
        if text.starts(with: "+86".utf8) { text = text.dropFirst(3) }
        var end = text.startIndex
        while end < text.endIndex, text[end] != UInt8(ascii: "#"), text[end] != UInt8(ascii: "x"),
              !startsWithZhuan(text[end...]) {
            end += 1
        }
        let digits = text[..<end]
        let isDigit = ASCIIDigits.isDigit
        guard let first = digits.first, digits.allSatisfy(isDigit) else { return false }
        if end < text.endIndex {
            // An extension: 1 to 6 digits after its marker, nothing else.
            let ext = text[end...].dropFirst(startsWithZhuan(text[end...]) ? 3 : 1)
            guard (1...6).contains(ext.count), ext.allSatisfy(isDigit) else { return false }
        }
        if digits.count == 11 && first == UInt8(ascii: "1") && digits[digits.startIndex + 1] >= UInt8(ascii: "3") { return true }
        return first == UInt8(ascii: "0") && (10...12).contains(digits.count)
    }
}

/// A check across fields of one message.
public enum RecordCheck: Sendable {
    /// At least one of the fields is not empty (a USCC or an ID number).
    case eitherOf([String])
    /// The first date is not after the second (valid-from, valid-to); an empty one passes.
    case dateOrder(String, String)

    /// The names as mappings write them, with their summaries.
    public static let names: [String: String] = [
        "either_of": "[A, B]: at least one of the fields is not empty; with counterparty.uscc and counterparty.idNumber it also decides the counterparty kind",
        "date_order": "[FROM, TO]: FROM is not after TO",
    ]

    /// The fields it reads, in order.
    public var fields: [String] {
        switch self {
        case .eitherOf(let fields): fields
        case .dateOrder(let a, let b): [a, b]
        }
    }

    /// The rejection, nil when the check passes; `value(i)` is the value of `fields[i]`.
    public func failure(_ value: (Int) -> String?) -> Rejection? {
        switch self {
        case .eitherOf(let fields):
            if fields.indices.contains(where: { !(value($0) ?? "").isEmpty }) { return nil }
            return Rejection(code: .required, field: fields[0], message: "\(fields.joined(separator: " or ")) is required")
        case .dateOrder(let a, let b):
            guard let from = value(0).flatMap(LocalDate.init), let to = value(1).flatMap(LocalDate.init), to < from else { return nil }
            return Rejection(code: .dateOrder, field: b, message: "\(b) \(to) is before \(a) \(from)")
        }
    }
}
