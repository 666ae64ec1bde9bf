import SGWCore

/// Builds a message body of a kind from its canonical field values, then applies the model's rules.
public enum MessageBuilder {
    /// Builds the message of `kind` from `f` and hands it to `sink`, into `output`, with the 双公示 record `derivation`
    /// derives from an approval; or adds to `rejections` why it cannot be accepted (the message's own rejections are
    /// added only for fields not rejected already: a value that failed its transform is not reported missing too).
    /// Returns how many messages it handed over. `parts` makes each message's envelope parts, given why it is
    /// incomplete.
    ///
    /// Each body goes to the sink from here, where it was made, as its own type: it moves, while a body returned in
    /// an enum and bound again was copied (every string retained and released), and a body in an `indirect` enum
    /// boxed. The rules are asked of the message, and its record derived, before it moves: the derived record's own
    /// rules need the approval it comes from (`CreditLicence.rejections(derivedFromChecked:)`).
    ///
    /// The values are the caller's, and some are moved out of them into the message (`FieldValues.take`): the caller
    /// empties them after the message anyway, and a value copied was retained, then released with the slots.
    static func build<Sink: MessageSink>(_ kind: MessageKind, _ f: inout FieldValues, deriving derivation: CreditDerivation?,
                                         rejections: inout [Rejection], sink: Sink, into output: inout Sink.Output,
                                         parts: (_ incomplete: String?) -> MessageParts) -> Int {
        /// Adds the reading's and the model's rejections; whether the record is still clear of any.
        func accepted(_ rules: [Rejection]) -> Bool {
            // Dates that were rejected read as placeholders: the model's rules still run to report every other field.
            var own = f.rejections
            if !rules.isEmpty {
                own += rules.filter { r in !own.contains { $0.field.hasPrefix(r.field) || r.field.hasPrefix($0.field) } }
            }
            if !own.isEmpty { rejections += own.filter { r in !rejections.contains { $0.field == r.field } } }
            return rejections.isEmpty
        }
        switch kind {
        case .approval:
            guard let m = approval(&f) else { _ = accepted([]); return 0 }
            guard accepted(m.rejections()) else { return 0 }
            // Only an approval that passed its rules is accepted with its record; for another, the record's rules are
            // never asked.
            guard let derivation else {
                sink.append(consume m, parts(nil), to: &output)
                return 1
            }
            let record = derivation.licence(for: m)
            let problems = record.rejections(derivedFromChecked: m, checkedOrganisations: derivation.checkedOrganisations)
            // If the record cannot be complete, the source record is rejected whole (no licensing decision accepted
            // that could not reach the credit platform), or, when the mapping says hold (a source that never carries
            // the item), kept as incomplete for an operator.
            if !problems.isEmpty && derivation.whenIncomplete != .hold {
                rejections += problems.map {
                    Rejection(code: $0.code, field: "credit.licence.\($0.field)", message: "the derived 双公示 licence record: \($0.message)")
                }
                return 0
            }
            sink.append(consume m, parts(nil), to: &output)
            sink.append(consume record, parts(problems.isEmpty ? nil : problems.map(\.located).joined(separator: "; ")),
                        to: &output)
            return 2
        case .supervision:
            guard let m = supervision(&f) else { _ = accepted([]); return 0 }
            guard accepted(m.rejections()) else { return 0 }
            sink.append(consume m, parts(nil), to: &output)
            return 1
        case .creditLicence:
            guard let m = creditLicence(&f) else { _ = accepted([]); return 0 }
            guard accepted(m.rejections()) else { return 0 }
            sink.append(consume m, parts(nil), to: &output)
            return 1
        case .creditPenalty:
            guard let m = creditPenalty(&f) else { _ = accepted([]); return 0 }
            guard accepted(m.rejections()) else { return 0 }
            sink.append(consume m, parts(nil), to: &output)
            return 1
        case .creditInspection:
            guard let m = inspection(&f) else { _ = accepted([]); return 0 }
            guard accepted(m.rejections()) else { return 0 }
            sink.append(consume m, parts(nil), to: &output)
            return 1
        }
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
        let verification = f.enumeration(.commitmentVerification, Commitment.Verification.self, label: \.label)
        let verifiedOn = f.date(.commitmentVerifiedOn)
        let requestAction = f.enumeration(.changeDecisionAction, Supervision.ChangeAction.self, label: \.label)
        let outcome = f.enumeration(.changeDecisionOutcome, ChangeDecision.Outcome.self, label: \.label,
                                    required: f.text(.changeDecisionRequest) == nil ? nil : "处理结果 (granted or refused)")
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
            commitment: f.text(.commitmentLetterReference).map {
                Commitment(letterReference: $0, date: commitmentDate, verification: verification, verifiedOn: verifiedOn,
                           verificationNote: f.text(.commitmentVerificationNote))
            },
            riskPoints: f.list(.riskPoints),
            changeDecision: f.text(.changeDecisionRequest).flatMap { request in
                outcome.map { ChangeDecision(request: request, action: requestAction, outcome: $0) }
            },
            remarks: f.text(.remarks))
    }

    static func supervision(_ f: inout FieldValues) -> Supervision? {
        let kind = f.enumeration(.kind, Supervision.Kind.self, label: \.label, required: "监管信息类型")
        let action = f.enumeration(.changeAction, Supervision.ChangeAction.self, label: \.label)
        let counterparty = f.counterparty(required: false)
        let decision = f.date(.decisionDate, required: "决定日期")
        let published = f.date(.publicationDate)
        guard let kind, let decision else { return nil }
        return Supervision(
            kind: kind, changeAction: action, documentNumber: f.text(.documentNumber), counterparty: counterparty,
            decisionDate: decision, publicationDate: published, basisAndResult: f.string(.basisAndResult), relatedLicence: f.text(.relatedLicence),
            evidence: f.list(.evidence)?.map { Supervision.Evidence(title: $0, reference: $0) }, department: f.string(.department))
    }

    static func inspection(_ f: inout FieldValues) -> Inspection? {
        let counterparty = f.counterparty()
        let decision = f.date(.decisionDate, required: "检查结果或处理决定作出日期")
        guard let counterparty, let decision else { return nil }
        return Inspection(itemName: f.string(.itemName), result: f.string(.result), documentNumber: f.text(.documentNumber),
                          counterparty: counterparty, decisionDate: decision,
                          authority: f.organisation(.authorityName, .authorityUSCC) ?? Organisation(name: ""),
                          relatedLicence: f.text(.relatedLicence))
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
