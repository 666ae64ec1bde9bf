public import SGWCore

/// A message's canonical field values after transforms, read into typed model fields. Type errors (a date that
/// is not one, an unknown enumeration value) and missing values that the model cannot hold become rejections.
public struct FieldValues {
    /// Non-empty values by canonical path.
    public var values: [String: String]
    /// Rejections found while reading.
    public var rejections: [Rejection] = []

    /// Values.
    public init(_ values: [String: String]) { self.values = values }

    /// Text, nil when empty.
    public func text(_ path: String) -> String? { values[path] }

    /// Text that the model requires; "" when missing (the model's own rules reject it with its label).
    public func string(_ path: String) -> String { values[path] ?? "" }

    /// A date; a missing required date or a malformed one is a rejection. A required date that is rejected reads
    /// as 1970-01-01, so that the message can still be checked for its other fields (it is never accepted).
    public mutating func date(_ path: String, required label: String? = nil) -> LocalDate? {
        let placeholder = label.map { _ in LocalDate(dayNumber: 0) }
        guard let text = values[path] else {
            if let label { rejections.append(.required(path, label)) }
            return placeholder
        }
        guard let date = LocalDate(text) else {
            rejections.append(Rejection(code: .invalidDate, field: path, message: "'\(text)' is not a date YYYY-MM-DD (add a date transform)"))
            return placeholder
        }
        return date
    }

    /// An amount in 万元.
    public mutating func amount(_ path: String) -> Amount? {
        guard let text = values[path] else { return nil }
        guard let amount = Amount(text) else {
            rejections.append(Rejection(code: .invalidAmount, field: path, message: "'\(text)' is not an amount in 万元 (up to 6 decimal places)"))
            return nil
        }
        return amount
    }

    /// A list split at `;`, `；`, `,`, `，` or `、`.
    public func list(_ path: String) -> [String]? {
        guard let text = values[path] else { return nil }
        let items = text.split(whereSeparator: { ";；,，、".contains($0) }).map { Whitespace.trimmed(String($0)) }.filter { !$0.isEmpty }
        return items.isEmpty ? nil : items
    }

    /// An enumeration value given as its code or its Chinese label.
    public mutating func enumeration<E: RawRepresentable & CaseIterable>(
        _ path: String, _ type: E.Type, label: (E) -> String, required: String? = nil
    ) -> E? where E.RawValue == String {
        guard let text = values[path] else {
            if let required { rejections.append(.required(path, required)) }
            return nil
        }
        if let e = E(rawValue: text) ?? E.allCases.first(where: { label($0) == text }) { return e }
        let allowed = E.allCases.map { "\($0.rawValue) (\(label($0)))" }.joined(separator: ", ")
        rejections.append(Rejection(code: .invalidValue, field: path, message: "'\(text)' is not one of \(allowed)"))
        return nil
    }

    /// The counterparty under `counterparty.`, its kind given or decided by its identity: a USCC makes an
    /// organisation (an individual business when it starts with 92), an ID number alone a natural person.
    public mutating func counterparty(required: Bool = true) -> Counterparty? {
        // The paths written out, not built as "counterparty." + name: each of these lookups ran for every record.
        if !required && !values.keys.contains(where: { $0.hasPrefix("counterparty.") }) { return nil }
        var kind = enumeration("counterparty.kind", Counterparty.Kind.self, label: \.creditCategory)
        let uscc = text("counterparty.uscc"), idNumber = text("counterparty.idNumber")
        if kind == nil && text("counterparty.kind") == nil {
            if let uscc {
                kind = uscc.hasPrefix("92") ? .individualBusiness : .organisation
            } else if idNumber != nil {
                kind = .naturalPerson
            } else {
                kind = .organisation
            }
        }
        guard let kind else { return nil }
        let codes = Counterparty.OtherCodes(
            businessRegistration: text("counterparty.otherCodes.businessRegistration"),
            organizationCode: text("counterparty.otherCodes.organizationCode"),
            taxRegistration: text("counterparty.otherCodes.taxRegistration"),
            publicInstitution: text("counterparty.otherCodes.publicInstitution"),
            socialOrganization: text("counterparty.otherCodes.socialOrganization"))
        let hasCodes = codes != Counterparty.OtherCodes()
        return Counterparty(
            kind: kind, name: string("counterparty.name"), uscc: uscc, otherCodes: hasCodes ? codes : nil,
            idType: text("counterparty.idType").map(IDType.init(rawValue:)) ?? (idNumber != nil ? .citizenID : nil),
            idNumber: idNumber, legalRepresentative: text("counterparty.legalRepresentative"),
            legalRepresentativeIDType: text("counterparty.legalRepresentativeIDType").map(IDType.init(rawValue:)),
            legalRepresentativeIDNumber: text("counterparty.legalRepresentativeIDNumber"), contact: text("counterparty.contact"),
            address: text("counterparty.address"))
    }

    /// An organisation under `prefix.` (authority, dataSource); nil when neither field is given.
    public func organisation(_ prefix: String) -> Organisation? {
        let name = text(prefix + ".name"), uscc = text(prefix + ".uscc")
        if name == nil && uscc == nil { return nil }
        return Organisation(name: name ?? "", uscc: uscc)
    }
}
