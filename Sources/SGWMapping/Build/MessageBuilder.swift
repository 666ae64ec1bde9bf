import SGWCore

/// Builds a message body of a kind from its canonical field values, then applies the model's rules.
public enum MessageBuilder {
    /// The body with its canonical JSON, and for an approval the 双公示 record `derivation` derives from it, or
    /// the rejections that keep the body from being built or accepted (body nil, JSON empty).
    ///
    /// The rules are asked of the message, its JSON written and its record derived before it goes into the body:
    /// an `indirect` case's payload read back out of the body is copied, every string retained and released
    /// again (the optimizer cannot tell that the call it is handed to leaves the box alone). A tuple, not a
    /// struct with `var` properties, whose initializer would copy its values once more (see `Approval`).
    /// The derived record comes with its own rules' rejections, asked of it here, where the approval it comes from
    /// is at hand (`CreditLicence.rejections(derivedFromChecked:)`).
    ///
    /// The values are the caller's, and some are moved out of them into the message (`FieldValues.take`): the caller
    /// empties them after the message anyway, and a value copied was retained, then released with the slots.
    static func build(_ kind: MessageKind, _ f: inout FieldValues, deriving derivation: CreditDerivation?)
        -> (body: MessageBody?, canonicalBody: [UInt8], licence: (record: CreditLicence, rejections: [Rejection])?,
            rejections: [Rejection]) {
        var body: MessageBody?
        var json: [UInt8] = []
        var licence: (record: CreditLicence, rejections: [Rejection])?
        var rules: [Rejection] = []
        switch kind {
        case .approval:
            if let m = approval(&f) {
                rules = m.rejections()
                json = m.canonicalJSON()
                // Only an approval that passed its rules is accepted with its record; for another, the record's
                // rules are never asked.
                if rules.isEmpty, let record = derivation?.licence(for: m) {
                    licence = (record, record.rejections(derivedFromChecked: m, checkedOrganisations: derivation?.checkedOrganisations ?? []))
                }
                body = .approval(m)
            }
        case .supervision:
            if let m = supervision(&f) {
                rules = m.rejections()
                json = m.canonicalJSON()
                body = .supervision(m)
            }
        case .creditLicence:
            if let m = creditLicence(&f) {
                rules = m.rejections()
                json = m.canonicalJSON()
                body = .creditLicence(m)
            }
        case .creditPenalty:
            if let m = creditPenalty(&f) {
                rules = m.rejections()
                json = m.canonicalJSON()
                body = .creditPenalty(m)
            }
        }
        // Dates that were rejected read as placeholders: the model's rules still run to report every other field.
        var rejections = f.rejections
        if !rules.isEmpty {
            rejections += rules.filter { r in !rejections.contains { $0.field.hasPrefix(r.field) || r.field.hasPrefix($0.field) } }
        }
        guard rejections.isEmpty else { return (nil, [], nil, rejections) }
        return (body, json, licence, rejections)
    }

    static func validity(_ f: inout FieldValues) -> Validity? {
        let from = f.date(.validityFrom, required: "有效期自")
        let to = f.date(.validityTo)
        return from.map { Validity(from: $0, to: to) }
    }

    static func approval(_ f: inout FieldValues) -> Approval? {
        let counterparty = f.counterparty()
        let decision = f.date(.decisionDate, required: "许可日期")
        let validity = validity(&f)
        let commitmentDate = f.date(.commitmentDate)
        guard let counterparty, let decision, let validity else { return nil }
        // Each value read once: moved out of the values.
        return Approval(
            itemName: f.take(.itemName) ?? "", itemCode: f.take(.itemCode), documentNumber: f.take(.documentNumber),
            documentName: f.take(.documentName), licenceNumber: f.take(.licenceNumber), licenceName: f.take(.licenceName),
            category: f.take(.category).map(LicenceCategory.init(rawValue:)), counterparty: counterparty,
            decisionDate: decision, validity: validity, content: f.take(.content) ?? "", authority: f.organisation(.authorityName, .authorityUSCC),
            supervisingDepartment: f.take(.supervisingDepartment),
            comprehensiveLicence: f.text(.comprehensiveLicenceNumber).map {
                ComprehensiveLicence(number: $0, name: f.text(.comprehensiveLicenceName),
                                     integratedItems: f.list(.comprehensiveLicenceIntegratedItems))
            },
            commitment: f.text(.commitmentLetterReference).map { Commitment(letterReference: $0, date: commitmentDate) },
            riskPoints: f.list(.riskPoints), remarks: f.text(.remarks))
    }

    static func supervision(_ f: inout FieldValues) -> Supervision? {
        let kind = f.enumeration(.kind, Supervision.Kind.self, label: \.label, required: "监管信息类型")
        let action = f.enumeration(.changeAction, Supervision.ChangeAction.self, label: \.label)
        let counterparty = f.counterparty(required: false)
        let decision = f.date(.decisionDate, required: "决定日期")
        guard let kind, let decision else { return nil }
        return Supervision(
            kind: kind, changeAction: action, documentNumber: f.text(.documentNumber), counterparty: counterparty,
            decisionDate: decision, basisAndResult: f.string(.basisAndResult), relatedLicence: f.text(.relatedLicence),
            evidence: f.list(.evidence)?.map { Supervision.Evidence(title: $0, reference: $0) }, department: f.string(.department))
    }

    static func creditLicence(_ f: inout FieldValues) -> CreditLicence? {
        let counterparty = f.counterparty()
        let decision = f.date(.decisionDate, required: "许可决定日期 (XK_JDRQ)")
        let validity = validity(&f)
        guard let counterparty, let decision, let validity else { return nil }
        return CreditLicence(
            counterparty: counterparty, documentName: f.string(.documentName),
            documentNumber: f.text(.documentNumber) ?? f.string(.licenceNumber),
            category: LicenceCategory(rawValue: f.string(.category)), certificateName: f.text(.certificateName),
            licenceNumber: f.text(.licenceNumber), content: f.string(.content), decisionDate: decision, validity: validity,
            authority: f.organisation(.authorityName, .authorityUSCC) ?? Organisation(name: ""), status: f.string(.status),
            dataSource: f.organisation(.dataSourceName, .dataSourceUSCC) ?? Organisation(name: ""), remarks: f.text(.remarks))
    }

    static func creditPenalty(_ f: inout FieldValues) -> CreditPenalty? {
        let counterparty = f.counterparty()
        let decision = f.date(.decisionDate, required: "处罚决定日期 (CF_JDRQ)")
        let validUntil = f.date(.validUntil, required: "处罚有效期 (CF_YXQ)")
        let publicUntil = f.date(.publicUntil)
        let fine = f.amount(.fine), confiscated = f.amount(.confiscated)
        guard let counterparty, let decision, let validUntil else { return nil }
        return CreditPenalty(
            counterparty: counterparty, documentNumber: f.string(.documentNumber), violationType: f.string(.violationType),
            facts: f.string(.facts), basis: f.string(.basis),
            categories: f.text(.categories).map(PenaltyCategory.split) ?? [], content: f.string(.content), fine: fine,
            confiscated: confiscated, suspendedOrRevokedLicence: f.text(.suspendedOrRevokedLicence), decisionDate: decision,
            validUntil: validUntil, publicUntil: publicUntil, authority: f.organisation(.authorityName, .authorityUSCC) ?? Organisation(name: ""),
            dataSource: f.organisation(.dataSourceName, .dataSourceUSCC) ?? Organisation(name: ""), remarks: f.text(.remarks))
    }
}
