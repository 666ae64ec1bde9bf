public import SGWCore

/// A message's canonical field values after transforms, read into typed model fields. Type errors (a date that
/// is not one, an unknown enumeration value) and missing values that the model cannot hold become rejections.
public struct FieldValues {
    /// Non-empty values, at their path's `rawValue`.
    var slots: [String?]
    /// Rejections found while reading.
    public var rejections: [Rejection] = []

    /// No values.
    public init() { slots = Array(repeating: nil, count: CanonicalPath.count) }

    /// No values, in `slots` from `emptiedSlots()` (or a new array when it is not one): the mapper keeps one array
    /// per thread.
    init(emptySlots slots: [String?]) {
        assert(slots.allSatisfy { $0 == nil }, "slots handed on with values in them")
        self.slots = slots.count == CanonicalPath.count ? slots : Array(repeating: nil, count: CanonicalPath.count)
    }

    /// The slots with every value removed, to be used again by `init(emptySlots:)`.
    mutating func emptiedSlots() -> [String?] {
        for i in slots.indices where slots[i] != nil { slots[i] = nil }
        return slots
    }

    /// The value of `path`, nil when empty.
    public subscript(path: CanonicalPath) -> String? {
        get { slots[path.rawValue] }
        set { slots[path.rawValue] = newValue?.isEmpty == false ? newValue : nil }
    }

    /// Text, nil when empty.
    public func text(_ path: CanonicalPath) -> String? { self[path] }

    /// Text, nil when empty, moved out: the value is empty afterwards. For a value read once, into the message: read
    /// with `text`, it was retained, and released again when the slots were emptied.
    mutating func take(_ path: CanonicalPath) -> String? {
        slots[path.rawValue].take()
    }

    /// Text that the model requires; "" when missing (the model's own rules reject it with its label).
    public func string(_ path: CanonicalPath) -> String { self[path] ?? "" }

    /// A date; a missing required date or a malformed one is a rejection. A required date that is rejected reads
    /// as 1970-01-01, so that the message can still be checked for its other fields (it is never accepted).
    public mutating func date(_ path: CanonicalPath, required label: String? = nil) -> LocalDate? {
        // Made only for a date that is rejected, not for every date read.
        var placeholder: LocalDate? { label.map { _ in LocalDate(dayNumber: 0) } }
        guard let text = text(path) else {
            if let label { rejections.append(.required(path.name, label)) }
            return placeholder
        }
        guard let date = LocalDate(text) else {
            rejections.append(Rejection(code: .invalidDate, field: path.name, message: "'\(text)' is not a date YYYY-MM-DD (add a date transform)"))
            return placeholder
        }
        return date
    }

    /// An amount in 万元.
    public mutating func amount(_ path: CanonicalPath) -> Amount? {
        guard let text = text(path) else { return nil }
        guard let amount = Amount(text) else {
            rejections.append(Rejection(code: .invalidAmount, field: path.name, message: "'\(text)' is not an amount in 万元 (up to 6 decimal places)"))
            return nil
        }
        return amount
    }

    /// A list split at `;`, `；`, `,`, `，` or `、`.
    public func list(_ path: CanonicalPath) -> [String]? {
        guard let text = text(path) else { return nil }
        let items = text.split(whereSeparator: { ";；,，、".contains($0) }).map { Whitespace.trimmed(String($0)) }.filter { !$0.isEmpty }
        return items.isEmpty ? nil : items
    }

    /// An enumeration value given as its code or its Chinese label.
    public mutating func enumeration<E: RawRepresentable & CaseIterable>(
        _ path: CanonicalPath, _ type: E.Type, label: (E) -> String, required: String? = nil
    ) -> E? where E.RawValue == String {
        guard let text = text(path) else {
            if let required { rejections.append(.required(path.name, required)) }
            return nil
        }
        if let e = E(rawValue: text) ?? E.allCases.first(where: { label($0) == text }) { return e }
        let allowed = E.allCases.map { "\($0.rawValue) (\(label($0)))" }.joined(separator: ", ")
        rejections.append(Rejection(code: .invalidValue, field: path.name, message: "'\(text)' is not one of \(allowed)"))
        return nil
    }

    /// The counterparty under `counterparty.`, its kind given or decided by its identity: a USCC makes an
    /// organisation (an individual business when it starts with 92), an ID number alone a natural person. Its
    /// values are moved out (`take`): read once per message.
    public mutating func counterparty(required: Bool = true) -> Counterparty? {
        if !required && !CanonicalPath.counterparty.contains(where: { slots[$0] != nil }) { return nil }
        var kind = enumeration(.counterpartyKind, Counterparty.Kind.self, label: \.creditCategory)
        // Each value read once, below the kind: moved out of the values.
        let uscc = take(.counterpartyUSCC), idNumber = take(.counterpartyIDNumber)
        if kind == nil && text(.counterpartyKind) == nil {
            if let uscc {
                kind = uscc.hasPrefix("92") ? .individualBusiness : .organisation
            } else if idNumber != nil {
                kind = .naturalPerson
            } else {
                kind = .organisation
            }
        }
        guard let kind else { return nil }
        // Built only when one is given: built and compared with an empty one, each record copied it.
        let codes = Self.otherCodes.allSatisfy({ slots[$0] == nil }) ? nil : Counterparty.OtherCodes(
            businessRegistration: take(.otherCodesBusinessRegistration), organizationCode: take(.otherCodesOrganizationCode),
            taxRegistration: take(.otherCodesTaxRegistration), publicInstitution: take(.otherCodesPublicInstitution),
            socialOrganization: take(.otherCodesSocialOrganization))
        return Counterparty(
            kind: kind, name: take(.counterpartyName) ?? "", uscc: uscc, otherCodes: codes,
            idType: take(.counterpartyIDType).map(IDType.init(rawValue:)) ?? (idNumber != nil ? .citizenID : nil),
            idNumber: idNumber, legalRepresentative: take(.counterpartyLegalRepresentative),
            legalRepresentativeIDType: take(.counterpartyLegalRepresentativeIDType).map(IDType.init(rawValue:)),
            legalRepresentativeIDNumber: take(.counterpartyLegalRepresentativeIDNumber), contact: take(.counterpartyContact),
            address: take(.counterpartyAddress))
    }

    /// The slots of the counterparty's other codes (`counterparty.otherCodes.*`).
    static let otherCodes = CanonicalPath.otherCodesBusinessRegistration.rawValue...CanonicalPath.otherCodesSocialOrganization.rawValue

    /// An organisation (authority, data source); nil when neither field is given.
    public func organisation(_ namePath: CanonicalPath, _ usccPath: CanonicalPath) -> Organisation? {
        let name = text(namePath), uscc = text(usccPath)
        if name == nil && uscc == nil { return nil }
        return Organisation(name: name ?? "", uscc: uscc)
    }
}
