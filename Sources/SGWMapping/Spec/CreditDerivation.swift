public import SGWCore

/// How a mapping derives the 双公示 licence record (credit.licence) of each approval it maps, for sources that do
/// not export one: every licensing decision must reach the credit platform within 7 working days. The approval
/// gives the counterparty, numbers, content, dates and validity; the mapping gives what an approval does not carry.
public struct CreditDerivation: Sendable {
    /// 行政许可决定文书名称 when the approval has none (e.g. 准予行政许可决定书).
    public var documentName: String
    /// 许可类别 when the approval has none.
    public var category: LicenceCategory
    /// 当前状态 (有效).
    public var status: String
    /// 许可机关 when the approval names none: the approval bureau.
    public let authority: Organisation
    /// 数据来源单位; the authority when not given.
    public let dataSource: Organisation
    /// What to do when an approval cannot give a complete record (an organisation's 法定代表人 missing, say).
    public var whenIncomplete: WhenIncomplete = .reject
    /// Of the authority and the data source, those that pass the 双公示 rules, checked once here: a derived record
    /// that names them is not checked again (two USCCs a row, half of `sgw map`'s USCC checking).
    public let checkedOrganisations: [Organisation]

    init(documentName: String, category: LicenceCategory, status: String, authority: Organisation, dataSource: Organisation,
         whenIncomplete: WhenIncomplete) {
        (self.documentName, self.category, self.status, self.authority, self.dataSource, self.whenIncomplete) =
            (documentName, category, status, authority, dataSource, whenIncomplete)
        checkedOrganisations = [authority, dataSource].filter(\.passesCreditChecks)
    }

    /// What happens to a record whose derived 双公示 record is incomplete.
    public enum WhenIncomplete: String, Sendable {
        /// The record is rejected whole, approval included, for the source to correct and send again.
        case reject
        /// The approval is accepted (its claim deadline runs regardless); the 双公示 record is stored as
        /// incomplete and held for an operator, its publication deadline tracked.
        case hold
    }

    /// The credit record for `approval`.
    public func licence(for approval: Approval) -> CreditLicence {
        CreditLicence(
            counterparty: approval.counterparty, documentName: approval.documentName ?? documentName,
            documentNumber: approval.documentNumber ?? approval.licenceNumber ?? "", category: approval.category ?? category,
            certificateName: approval.licenceName, licenceNumber: approval.licenceNumber, content: approval.content,
            decisionDate: approval.decisionDate, validity: approval.validity, authority: approval.authority ?? authority,
            status: status, dataSource: dataSource)
    }

    static let keys: Set<String> = ["document_name", "category", "status", "authority", "data_source", "when_incomplete"]

    /// Reads the `credit_licence:` block of a mapping.
    static func read(_ value: ConfigValue) -> CreditDerivation? {
        let reader = value.reader
        guard let m = value.mapping(allowed: keys) else { return nil }
        func organisation(_ key: String) -> Organisation? {
            guard let o = m[key]?.mapping(allowed: ["name", "uscc"]), let name = o.required("name")?.string,
                  let uscc = o.required("uscc")?.string else { return nil }
            if let failure = USCC.check(uscc).failure {
                reader.problem("'credit_licence.\(key).uscc' \(uscc) is not a valid USCC: \(failure)", line: o["uscc"]?.line)
                return nil
            }
            return Organisation(name: name, uscc: uscc)
        }
        let category = LicenceCategory(rawValue: m["category"]?.string ?? "普通")
        if !category.isValid {
            reader.problem("'credit_licence.category' must be 普通, 特许, 认可, 核准, 登记 or 其他-…", line: m["category"]?.line)
        }
        let whenIncomplete = m["when_incomplete"].map { $0.string.flatMap(WhenIncomplete.init(rawValue:)) } ?? .reject
        if whenIncomplete == nil {
            reader.problem("'credit_licence.when_incomplete' must be reject or hold", line: m["when_incomplete"]?.line)
        }
        guard let authority = m.required("authority").flatMap({ _ in organisation("authority") }) else { return nil }
        return CreditDerivation(documentName: m["document_name"]?.string ?? "准予行政许可决定书", category: category,
                                status: m["status"]?.string ?? "有效", authority: authority,
                                dataSource: m["data_source"] != nil ? organisation("data_source") ?? authority : authority,
                                whenIncomplete: whenIncomplete ?? .reject)
    }
}
