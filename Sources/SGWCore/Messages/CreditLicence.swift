/// A licensing decision for the credit platform (双公示 行政许可, items XK_* of CREDIT.md).
///
/// Immutable: its content hash is taken from it when a message is made, and a change is a new value. `let`
/// properties also spare a copy: with `var` ones, Swift 6.3's initializer copied the finished value once more,
/// every string retained and released again (`scripts/bench/map-calls`, docs/benchmarks.md). `Supervision` and
/// `CreditPenalty` keep `var` properties for now: `sgw map`'s benchmark does not build them.
public struct CreditLicence: Sendable, Hashable, Codable {
    /// 行政相对人 (XK_XDR_MC, XK_XDR_LB, XK_XDR_SHXYM, codes _2…_6, XK_FRDB, XK_FR_ZJLX/ZJHM, XK_XDR_ZJLX/ZJHM).
    public let counterparty: Counterparty
    /// 行政许可决定文书名称 (XK_XKWS).
    public let documentName: String
    /// 行政许可决定文书号 (XK_WSH); the 许可编号 when there is none.
    public let documentNumber: String
    /// 许可类别 (XK_XKLB).
    public let category: LicenceCategory
    /// 许可证书名称 (XK_XKZS).
    public let certificateName: String?
    /// 许可编号 (XK_XKBH).
    public let licenceNumber: String?
    /// 许可内容 (XK_NR).
    public let content: String
    /// 许可决定日期 (XK_JDRQ).
    public let decisionDate: LocalDate
    /// 有效期自 / 有效期至 (XK_YXQZ, XK_YXQZI; 2099/12/31 for 长期).
    public let validity: Validity
    /// 许可机关 and its USCC (XK_XKJG, XK_XKJGDM).
    public let authority: Organisation
    /// 当前状态 (XK_ZT): 有效 / 无效 …
    public let status: String
    /// 数据来源单位 and its USCC (XK_LYDW, XK_LYDWDM).
    public let dataSource: Organisation
    /// 备注 (BZ).
    public let remarks: String?

    /// A licence record.
    public init(counterparty: Counterparty, documentName: String, documentNumber: String, category: LicenceCategory,
                certificateName: String? = nil, licenceNumber: String? = nil, content: String, decisionDate: LocalDate,
                validity: Validity, authority: Organisation, status: String, dataSource: Organisation,
                remarks: String? = nil) {
        self.counterparty = counterparty
        self.documentName = documentName
        self.documentNumber = documentNumber
        self.category = category
        self.certificateName = certificateName
        self.licenceNumber = licenceNumber
        self.content = content
        self.decisionDate = decisionDate
        self.validity = validity
        self.authority = authority
        self.status = status
        self.dataSource = dataSource
        self.remarks = remarks
    }

    /// The 双公示 rules: every required item present, codes valid, category known, dates in order.
    public func rejections() -> [Rejection] {
        rejections(counterparty: counterparty.rejections(forCredit: true))
    }

    /// The rules of a record derived from `approval` after `approval` passed its own rules. The counterparty is then
    /// the approval's, already checked without `forCredit`: only what the 双公示 rules ask beyond that is checked
    /// again, not its codes a second time. A counterparty that differs from the approval's in any field is checked
    /// whole. So are the authority and the data source, unless one of `checkedOrganisations` (a mapping's constants,
    /// checked when it was read: `Organisation.passesCreditChecks`).
    public func rejections(derivedFromChecked approval: Approval, checkedOrganisations: [Organisation] = []) -> [Rejection] {
        // Equality of values decides, never which box holds them (`==` only starts with the box, as a shortcut).
        rejections(counterparty: counterparty == approval.counterparty
            ? counterparty.creditRejections() : counterparty.rejections(forCredit: true),
                   checkedOrganisations: checkedOrganisations)
    }

    private func rejections(counterparty counterpartyRejections: [Rejection], checkedOrganisations: [Organisation] = []) -> [Rejection] {
        var checks = FieldChecks()
        checks.merge(counterpartyRejections)
        checks.require(documentName, "documentName", "行政许可决定文书名称 (XK_XKWS)")
        checks.require(documentNumber, "documentNumber", "行政许可决定文书号 (XK_WSH)")
        if !category.isValid {
            checks.add(.invalidValue, "category", "许可类别 '\(category)' is not one of 普通, 特许, 认可, 核准, 登记 or 其他-…")
        }
        checks.require(content, "content", "许可内容 (XK_NR)")
        checks.merge(validity.rejections(field: "validity"))
        if !checkedOrganisations.contains(authority) {
            checks.merge(CreditChecks.organisation(authority, "authority", "许可机关 (XK_XKJG)", "许可机关统一社会信用代码 (XK_XKJGDM)"))
        }
        checks.require(status, "status", "当前状态 (XK_ZT)")
        if !checkedOrganisations.contains(dataSource) {
            checks.merge(CreditChecks.organisation(dataSource, "dataSource", "数据来源单位 (XK_LYDW)", "数据来源单位统一社会信用代码 (XK_LYDWDM)"))
        }
        return checks.rejections
    }
}

extension Organisation {
    /// Whether the organisation passes the 双公示 rules for an authority or a data source: a name and a valid USCC.
    public var passesCreditChecks: Bool { CreditChecks.organisation(self, "", "", "").isEmpty }
}

/// Checks shared by the two 双公示 records.
enum CreditChecks {
    /// An authority or data source: its name and a valid USCC are both required.
    static func organisation(_ org: Organisation, _ field: String, _ nameLabel: String, _ codeLabel: String) -> [Rejection] {
        var checks = FieldChecks(prefix: field)
        checks.require(org.name, "name", nameLabel)
        checks.require(org.uscc, "uscc", codeLabel)
        checks.uscc(org.uscc, "uscc")
        return checks.rejections
    }
}
