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

    static let counterparty: [(CanonicalPath, FieldType)] = [
        (.counterpartyKind, .enumeration(Counterparty.Kind.allCases.map(\.rawValue))),
        (.counterpartyName, .text), (.counterpartyUSCC, .text), (.counterpartyIDType, .text), (.counterpartyIDNumber, .text),
        (.counterpartyLegalRepresentative, .text), (.counterpartyLegalRepresentativeIDType, .text),
        (.counterpartyLegalRepresentativeIDNumber, .text), (.counterpartyContact, .text), (.counterpartyAddress, .text),
        (.otherCodesBusinessRegistration, .text), (.otherCodesOrganizationCode, .text), (.otherCodesTaxRegistration, .text),
        (.otherCodesPublicInstitution, .text), (.otherCodesSocialOrganization, .text),
    ]
    static let authority: [(CanonicalPath, FieldType)] = [(.authorityName, .text), (.authorityUSCC, .text)]
    static let dataSource: [(CanonicalPath, FieldType)] = [(.dataSourceName, .text), (.dataSourceUSCC, .text)]

    static func named(_ fields: [(CanonicalPath, FieldType)]) -> [String: FieldType] {
        Dictionary(uniqueKeysWithValues: fields.map { ($0.0.name, $0.1) })
    }

    /// The fields of each kind.
    public static let byKind: [MessageKind: [String: FieldType]] = [
        .approval: named(counterparty + authority + [
            (.itemName, .text), (.itemCode, .text), (.documentNumber, .text), (.documentName, .text),
            (.licenceNumber, .text), (.licenceName, .text), (.category, .text), (.decisionDate, .date),
            (.validityFrom, .date), (.validityTo, .date), (.content, .text), (.supervisingDepartment, .text),
            (.comprehensiveLicenceNumber, .text), (.comprehensiveLicenceName, .text),
            (.comprehensiveLicenceIntegratedItems, .list), (.commitmentLetterReference, .text),
            (.commitmentDate, .date),
            (.commitmentVerification, .enumeration(Commitment.Verification.allCases.map(\.rawValue))),
            (.commitmentVerifiedOn, .date), (.commitmentVerificationNote, .text), (.riskPoints, .list), (.remarks, .text),
            (.changeDecisionRequest, .text), (.changeDecisionAction, .enumeration(Supervision.ChangeAction.allCases.map(\.rawValue))),
            (.changeDecisionOutcome, .enumeration(ChangeDecision.Outcome.allCases.map(\.rawValue))),
        ]),
        .supervision: named(counterparty + [
            (.kind, .enumeration(Supervision.Kind.allCases.map(\.rawValue))),
            (.changeAction, .enumeration(Supervision.ChangeAction.allCases.map(\.rawValue))),
            (.documentNumber, .text), (.decisionDate, .date), (.publicationDate, .date), (.basisAndResult, .text), (.relatedLicence, .text),
            (.evidence, .list), (.department, .text),
        ]),
        .creditLicence: named(counterparty + authority + dataSource + [
            (.documentName, .text), (.documentNumber, .text), (.category, .text), (.certificateName, .text),
            (.licenceNumber, .text), (.content, .text), (.decisionDate, .date), (.validityFrom, .date),
            (.validityTo, .date), (.status, .text), (.remarks, .text),
        ]),
        .creditInspection: named(counterparty + authority + [
            (.itemName, .text), (.result, .text), (.documentNumber, .text), (.decisionDate, .date), (.relatedLicence, .text),
        ]),
        .creditPenalty: named(counterparty + authority + dataSource + [
            (.documentNumber, .text), (.violationType, .text), (.facts, .text), (.basis, .text), (.categories, .list),
            (.content, .text), (.fine, .amount), (.confiscated, .amount), (.suspendedOrRevokedLicence, .text),
            (.decisionDate, .date), (.validUntil, .date), (.publicUntil, .date), (.remarks, .text),
        ]),
    ]
}
