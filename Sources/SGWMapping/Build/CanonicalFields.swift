public import SGWCore

/// The canonical fields a mapping can fill, per message kind, with their types: what `sgw check` checks targets
/// against and what the builders read.
public enum CanonicalFields {
    /// A field's type.
    public enum FieldType: Sendable, Equatable {
        /// Text.
        case text
        /// A date YYYY-MM-DD.
        case date
        /// One of the values (the builder also accepts the Chinese labels listed in docs/messages.md).
        case enumeration([String])
        /// An amount in 万元.
        case amount
        /// A list, its items separated by `;` (also `；`, `,`, `、`).
        case list
    }

    static let counterparty: [(String, FieldType)] = [
        ("counterparty.kind", .enumeration(Counterparty.Kind.allCases.map(\.rawValue))),
        ("counterparty.name", .text), ("counterparty.uscc", .text), ("counterparty.idType", .text),
        ("counterparty.idNumber", .text), ("counterparty.legalRepresentative", .text),
        ("counterparty.legalRepresentativeIDType", .text), ("counterparty.legalRepresentativeIDNumber", .text),
        ("counterparty.contact", .text), ("counterparty.address", .text),
        ("counterparty.otherCodes.businessRegistration", .text), ("counterparty.otherCodes.organizationCode", .text),
        ("counterparty.otherCodes.taxRegistration", .text), ("counterparty.otherCodes.publicInstitution", .text),
        ("counterparty.otherCodes.socialOrganization", .text),
    ]

    static func organisation(_ prefix: String) -> [(String, FieldType)] { [("\(prefix).name", .text), ("\(prefix).uscc", .text)] }

    /// The fields of each kind.
    public static let byKind: [MessageKind: [String: FieldType]] = [
        .approval: Dictionary(uniqueKeysWithValues: counterparty + organisation("authority") + [
            ("itemName", .text), ("itemCode", .text), ("documentNumber", .text), ("documentName", .text),
            ("licenceNumber", .text), ("licenceName", .text), ("category", .text), ("decisionDate", .date),
            ("validity.from", .date), ("validity.to", .date), ("content", .text), ("supervisingDepartment", .text),
            ("comprehensiveLicence.number", .text), ("comprehensiveLicence.name", .text),
            ("comprehensiveLicence.integratedItems", .list), ("commitment.letterReference", .text),
            ("commitment.date", .date), ("riskPoints", .list), ("remarks", .text),
        ]),
        .supervision: Dictionary(uniqueKeysWithValues: counterparty + [
            ("kind", .enumeration(Supervision.Kind.allCases.map(\.rawValue))),
            ("changeAction", .enumeration(Supervision.ChangeAction.allCases.map(\.rawValue))),
            ("documentNumber", .text), ("decisionDate", .date), ("basisAndResult", .text), ("relatedLicence", .text),
            ("evidence", .list), ("department", .text),
        ]),
        .creditLicence: Dictionary(uniqueKeysWithValues: counterparty + organisation("authority") + organisation("dataSource") + [
            ("documentName", .text), ("documentNumber", .text), ("category", .text), ("certificateName", .text),
            ("licenceNumber", .text), ("content", .text), ("decisionDate", .date), ("validity.from", .date),
            ("validity.to", .date), ("status", .text), ("remarks", .text),
        ]),
        .creditPenalty: Dictionary(uniqueKeysWithValues: counterparty + organisation("authority") + organisation("dataSource") + [
            ("documentNumber", .text), ("violationType", .text), ("facts", .text), ("basis", .text), ("categories", .list),
            ("content", .text), ("fine", .amount), ("confiscated", .amount), ("suspendedOrRevokedLicence", .text),
            ("decisionDate", .date), ("validUntil", .date), ("publicUntil", .date), ("remarks", .text),
        ]),
    ]
}
