internal import Foundation

/// A penalty decision for the credit platform (双公示 行政处罚, items CF_* of CREDIT.md).
public struct CreditPenalty: Sendable, Hashable, Codable {
    /// 行政相对人 (CF_XDR_MC … as for 许可).
    public var counterparty: Counterparty
    /// 行政处罚决定书文号 (CF_WSH).
    public var documentNumber: String
    /// 违法行为类型 (CF_WFXW).
    public var violationType: String
    /// 违法事实 (CF_SY).
    public var facts: String
    /// 处罚依据 (CF_YJ).
    public var basis: String
    /// 处罚类别 (CF_CFLB), several joined by ";" on the platform.
    public var categories: [PenaltyCategory]
    /// 处罚内容 (CF_NR).
    public var content: String
    /// 罚款金额（万元） (CF_NR_FK).
    public var fine: Amount?
    /// 没收违法所得、没收非法财物的金额（万元） (CF_NR_WFFF).
    public var confiscated: Amount?
    /// 暂扣或吊销证照名称及编号 (CF_NR_ZKDX).
    public var suspendedOrRevokedLicence: String?
    /// 处罚决定日期 (CF_JDRQ).
    public var decisionDate: LocalDate
    /// 处罚有效期 (CF_YXQ).
    public var validUntil: LocalDate
    /// 公示截止期 (CF_GSJZQ).
    public var publicUntil: LocalDate?
    /// 处罚机关 and its USCC (CF_CFJG, CF_CFJGDM).
    public var authority: Organisation
    /// 数据来源单位 and its USCC (CF_SJLY, CF_SJLYDM).
    public var dataSource: Organisation
    /// 备注 (BZ).
    public var remarks: String?

    /// A penalty record.
    public init(counterparty: Counterparty, documentNumber: String, violationType: String, facts: String, basis: String,
                categories: [PenaltyCategory], content: String, fine: Amount? = nil, confiscated: Amount? = nil,
                suspendedOrRevokedLicence: String? = nil, decisionDate: LocalDate, validUntil: LocalDate,
                publicUntil: LocalDate? = nil, authority: Organisation, dataSource: Organisation, remarks: String? = nil) {
        self.counterparty = counterparty
        self.documentNumber = documentNumber
        self.violationType = violationType
        self.facts = facts
        self.basis = basis
        self.categories = categories
        self.content = content
        self.fine = fine
        self.confiscated = confiscated
        self.suspendedOrRevokedLicence = suspendedOrRevokedLicence
        self.decisionDate = decisionDate
        self.validUntil = validUntil
        self.publicUntil = publicUntil
        self.authority = authority
        self.dataSource = dataSource
        self.remarks = remarks
    }

    /// Whether the penalty also concerns the approval bureau: a suspension or revocation, or a named licence
    /// (CREDIT.md: it is then supervision information that may change a licence).
    public var concernsALicence: Bool {
        categories.contains(.suspension) || categories.contains(.revocation) || !(suspendedOrRevokedLicence?.isBlank ?? true)
    }

    /// The 双公示 rules: every required item present, categories known, codes valid, validity after the decision.
    public func rejections() -> [Rejection] {
        var checks = FieldChecks()
        checks.merge(counterparty.rejections(forCredit: true))
        checks.require(documentNumber, "documentNumber", "行政处罚决定书文号 (CF_WSH)")
        checks.require(violationType, "violationType", "违法行为类型 (CF_WFXW)")
        checks.require(facts, "facts", "违法事实 (CF_SY)")
        checks.require(basis, "basis", "处罚依据 (CF_YJ)")
        if categories.isEmpty {
            checks.rejections.append(.required(checks.path("categories"), "处罚类别 (CF_CFLB)"))
        }
        for (i, c) in categories.enumerated() where !c.isValid {
            checks.add(.invalidValue, "categories[\(i)]", "处罚类别 '\(c)' is not a national category or 其他-…")
        }
        checks.require(content, "content", "处罚内容 (CF_NR)")
        if categories.contains(.fine), fine == nil {
            checks.add(.required, "fine", "罚款金额 (CF_NR_FK) is required when the penalty is 罚款")
        }
        if validUntil < decisionDate {
            checks.add(.dateOrder, "validUntil", "处罚有效期 \(validUntil) is before the decision date \(decisionDate)")
        }
        checks.merge(CreditChecks.organisation(authority, "authority", "处罚机关 (CF_CFJG)", "处罚机关统一社会信用代码 (CF_CFJGDM)"))
        checks.merge(CreditChecks.organisation(dataSource, "dataSource", "数据来源单位 (CF_SJLY)", "数据来源单位统一社会信用代码 (CF_SJLYDM)"))
        return checks.rejections
    }
}

/// 处罚类别: one of the national categories, or `其他-` and the specific one.
public struct PenaltyCategory: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// 罚款.
    public static let fine = PenaltyCategory(rawValue: "罚款")
    /// 责令停产停业.
    public static let suspension = PenaltyCategory(rawValue: "责令停产停业")
    /// 吊销许可证件.
    public static let revocation = PenaltyCategory(rawValue: "吊销许可证件")

    /// The national categories.
    public static let named = [
        "警告", "通报批评", "罚款", "没收违法所得", "没收非法财物", "暂扣许可证件", "降低资质等级", "吊销许可证件",
        "限制开展生产经营活动", "责令停产停业", "责令关闭", "限制从业", "行政拘留",
    ].map(PenaltyCategory.init(rawValue:))

    /// A national category, or `其他-…`.
    public var isValid: Bool { Self.named.contains(self) || (rawValue.hasPrefix("其他-") && rawValue.count > 3) }

    /// Splits the platform's joined form (`吊销许可证件;通报批评`, also with `；` or `,`).
    public static func split(_ joined: String) -> [PenaltyCategory] {
        joined.split(whereSeparator: { $0 == ";" || $0 == "；" || $0 == "," || $0 == "，" || $0 == "、" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map(PenaltyCategory.init(rawValue:))
    }
}
