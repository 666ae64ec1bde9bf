public import SGWCore

/// Builds a message body of a kind from its canonical field values, then applies the model's rules.
public enum MessageBuilder {
    /// The body, or the rejections that keep it from being built or accepted.
    public static func build(_ kind: MessageKind, _ values: FieldValues) -> (MessageBody?, [Rejection]) {
        var f = values
        // The rules are asked of the message before it goes into the body: asked of the body, the message is copied
        // out of it, every string retained and released again.
        let (body, rules): (MessageBody?, [Rejection]) = switch kind {
        case .approval: approval(&f).map { (.approval($0), $0.rejections()) } ?? (nil, [])
        case .supervision: supervision(&f).map { (.supervision($0), $0.rejections()) } ?? (nil, [])
        case .creditLicence: creditLicence(&f).map { (.creditLicence($0), $0.rejections()) } ?? (nil, [])
        case .creditPenalty: creditPenalty(&f).map { (.creditPenalty($0), $0.rejections()) } ?? (nil, [])
        }
        // Dates that were rejected read as placeholders: the model's rules still run to report every other field.
        var rejections = f.rejections
        rejections += rules.filter { r in !rejections.contains { $0.field.hasPrefix(r.field) || r.field.hasPrefix($0.field) } }
        return (rejections.isEmpty ? body : nil, rejections)
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
        return Approval(
            itemName: f.string(.itemName), itemCode: f.text(.itemCode), documentNumber: f.text(.documentNumber),
            documentName: f.text(.documentName), licenceNumber: f.text(.licenceNumber), licenceName: f.text(.licenceName),
            category: f.text(.category).map(LicenceCategory.init(rawValue:)), counterparty: counterparty,
            decisionDate: decision, validity: validity, content: f.string(.content), authority: f.organisation(.authorityName, .authorityUSCC),
            supervisingDepartment: f.text(.supervisingDepartment),
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
