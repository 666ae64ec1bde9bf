/// Every canonical field path a mapping can fill, as a number: a record's values are kept in an array indexed by
/// it, and the builders read them by case, instead of hashing a path for each of the ~20 values written and ~45
/// read per message.
public enum CanonicalPath: Int, CaseIterable, Sendable {
    case counterpartyKind, counterpartyName, counterpartyUSCC, counterpartyIDType, counterpartyIDNumber
    case counterpartyLegalRepresentative, counterpartyLegalRepresentativeIDType, counterpartyLegalRepresentativeIDNumber
    case counterpartyContact, counterpartyAddress
    case otherCodesBusinessRegistration, otherCodesOrganizationCode, otherCodesTaxRegistration
    case otherCodesPublicInstitution, otherCodesSocialOrganization
    case authorityName, authorityUSCC, dataSourceName, dataSourceUSCC
    case itemName, itemCode, documentNumber, documentName, licenceNumber, licenceName, category, decisionDate
    case validityFrom, validityTo, content, supervisingDepartment
    case comprehensiveLicenceNumber, comprehensiveLicenceName, comprehensiveLicenceIntegratedItems
    case commitmentLetterReference, commitmentDate, commitmentVerification, commitmentVerifiedOn, commitmentVerificationNote
    case publicationDate, riskPoints, remarks, changeDecisionRequest, changeDecisionAction, changeDecisionOutcome
    case kind, changeAction, basisAndResult, relatedLicence, evidence, department, result
    case certificateName, status
    case violationType, facts, basis, categories, fine, confiscated, suspendedOrRevokedLicence, validUntil, publicUntil

    /// The path as mappings write it.
    public var name: String {
        switch self {
        case .counterpartyKind: "counterparty.kind"
        case .counterpartyName: "counterparty.name"
        case .counterpartyUSCC: "counterparty.uscc"
        case .counterpartyIDType: "counterparty.idType"
        case .counterpartyIDNumber: "counterparty.idNumber"
        case .counterpartyLegalRepresentative: "counterparty.legalRepresentative"
        case .counterpartyLegalRepresentativeIDType: "counterparty.legalRepresentativeIDType"
        case .counterpartyLegalRepresentativeIDNumber: "counterparty.legalRepresentativeIDNumber"
        case .counterpartyContact: "counterparty.contact"
        case .counterpartyAddress: "counterparty.address"
        case .otherCodesBusinessRegistration: "counterparty.otherCodes.businessRegistration"
        case .otherCodesOrganizationCode: "counterparty.otherCodes.organizationCode"
        case .otherCodesTaxRegistration: "counterparty.otherCodes.taxRegistration"
        case .otherCodesPublicInstitution: "counterparty.otherCodes.publicInstitution"
        case .otherCodesSocialOrganization: "counterparty.otherCodes.socialOrganization"
        case .authorityName: "authority.name"
        case .authorityUSCC: "authority.uscc"
        case .dataSourceName: "dataSource.name"
        case .dataSourceUSCC: "dataSource.uscc"
        case .itemName: "itemName"
        case .itemCode: "itemCode"
        case .documentNumber: "documentNumber"
        case .documentName: "documentName"
        case .licenceNumber: "licenceNumber"
        case .licenceName: "licenceName"
        case .category: "category"
        case .decisionDate: "decisionDate"
        case .validityFrom: "validity.from"
        case .validityTo: "validity.to"
        case .content: "content"
        case .supervisingDepartment: "supervisingDepartment"
        case .comprehensiveLicenceNumber: "comprehensiveLicence.number"
        case .comprehensiveLicenceName: "comprehensiveLicence.name"
        case .comprehensiveLicenceIntegratedItems: "comprehensiveLicence.integratedItems"
        case .commitmentLetterReference: "commitment.letterReference"
        case .commitmentDate: "commitment.date"
        case .commitmentVerification: "commitment.verification"
        case .commitmentVerifiedOn: "commitment.verifiedOn"
        case .commitmentVerificationNote: "commitment.verificationNote"
        case .publicationDate: "publicationDate"
        case .changeDecisionRequest: "changeDecision.request"
        case .changeDecisionAction: "changeDecision.action"
        case .changeDecisionOutcome: "changeDecision.outcome"
        case .riskPoints: "riskPoints"
        case .remarks: "remarks"
        case .kind: "kind"
        case .changeAction: "changeAction"
        case .basisAndResult: "basisAndResult"
        case .relatedLicence: "relatedLicence"
        case .evidence: "evidence"
        case .department: "department"
        case .result: "result"
        case .certificateName: "certificateName"
        case .status: "status"
        case .violationType: "violationType"
        case .facts: "facts"
        case .basis: "basis"
        case .categories: "categories"
        case .fine: "fine"
        case .confiscated: "confiscated"
        case .suspendedOrRevokedLicence: "suspendedOrRevokedLicence"
        case .validUntil: "validUntil"
        case .publicUntil: "publicUntil"
        }
    }

    /// How many there are. `allCases` builds an array on each call, and a record's values are made once per message;
    /// the last case's number plus one costs nothing (a test checks that it counts them all).
    public static var count: Int { publicUntil.rawValue + 1 }

    /// The numbers of the counterparty's paths (`counterparty.…`), in order.
    public static let counterparty = counterpartyKind.rawValue...otherCodesSocialOrganization.rawValue

    static let byName = Dictionary(uniqueKeysWithValues: allCases.map { ($0.name, $0) })

    /// The path a mapping names, nil for one that is not canonical.
    public init?(name: String) {
        guard let path = Self.byName[name] else { return nil }
        self = path
    }
}
