/// Approval information (审批信息): a licensing decision of the approval bureau, pushed to the supervising
/// departments. Fields are the union of 周村 art. 7.1.2 and 曲阜 art. 20.2.
///
/// Immutable: its content hash is taken from it when a message is made, and a change is a new value. `let`
/// properties also spare a copy: with `var` ones, Swift 6.3's initializer copied the finished value once more,
/// every string retained and released again (`scripts/bench/map-calls`, docs/benchmarks.md). `Supervision` and
/// `CreditPenalty` keep `var` properties for now: `sgw map`'s benchmark does not build them.
public struct Approval: Sendable, Hashable, Codable {
    /// 事项名称.
    public let itemName: String
    /// 事项编码, when the source has it.
    public let itemCode: String?
    /// 许可文（编）号 / 法律文书编号: the decision document's number.
    public let documentNumber: String?
    /// 许可决定文书名称.
    public let documentName: String?
    /// 许可证编号.
    public let licenceNumber: String?
    /// 许可证书名称.
    public let licenceName: String?
    /// 许可类别, when the source gives it.
    public let category: LicenceCategory?
    /// 行政相对人.
    public let counterparty: Counterparty
    /// 许可日期 / 审批日期.
    public let decisionDate: LocalDate
    /// 有效期.
    public let validity: Validity
    /// 审批内容 / 许可内容.
    public let content: String
    /// 许可机关.
    public let authority: Organisation?
    /// The supervising department the information goes to (监管部门).
    public let supervisingDepartment: String?
    /// 一业一证: the comprehensive licence's face information (照面信息).
    public let comprehensiveLicence: ComprehensiveLicence?
    /// 告知承诺制: the commitment letter (告知承诺书).
    public let commitment: Commitment?
    /// Risk points found during approval (聊城 art. 17.1).
    public let riskPoints: [String]?
    /// When this decision answers a supervising department's change request (函告): which request, and what was
    /// decided. The approval goes back to that department (its `supervisingDepartment`).
    public let changeDecision: ChangeDecision?
    /// 备注.
    public let remarks: String?

    /// An approval.
    public init(itemName: String, itemCode: String? = nil, documentNumber: String? = nil, documentName: String? = nil,
                licenceNumber: String? = nil, licenceName: String? = nil, category: LicenceCategory? = nil,
                counterparty: Counterparty, decisionDate: LocalDate, validity: Validity, content: String,
                authority: Organisation? = nil, supervisingDepartment: String? = nil,
                comprehensiveLicence: ComprehensiveLicence? = nil, commitment: Commitment? = nil,
                riskPoints: [String]? = nil, changeDecision: ChangeDecision? = nil, remarks: String? = nil) {
        self.itemName = itemName
        self.itemCode = itemCode
        self.documentNumber = documentNumber
        self.documentName = documentName
        self.licenceNumber = licenceNumber
        self.licenceName = licenceName
        self.category = category
        self.counterparty = counterparty
        self.decisionDate = decisionDate
        self.validity = validity
        self.content = content
        self.authority = authority
        self.supervisingDepartment = supervisingDepartment
        self.comprehensiveLicence = comprehensiveLicence
        self.commitment = commitment
        self.riskPoints = riskPoints
        self.changeDecision = changeDecision
        self.remarks = remarks
    }

    /// The required-field rules of RULES.md: item, a document or licence number, the counterparty with a valid
    /// identity, the decision date, the validity in order, the content; commitment and comprehensive-licence
    /// details complete when present.
    public func rejections() -> [Rejection] {
        var checks = FieldChecks()
        checks.require(itemName, "itemName", "事项名称")
        if documentNumber?.isBlank ?? true, licenceNumber?.isBlank ?? true {
            checks.add(.required, "documentNumber", "documentNumber (许可文（编）号) or licenceNumber (许可证编号) is required")
        }
        checks.merge(counterparty.rejections())
        checks.merge(validity.rejections(field: "validity"))
        checks.require(content, "content", "审批内容")
        if let c = comprehensiveLicence {
            checks.require(c.number, "comprehensiveLicence.number", "综合许可证编号")
        }
        if let c = commitment {
            checks.require(c.letterReference, "commitment.letterReference", "告知承诺书编号")
            // A verification result needs its day: the verification deadline (周村 art. 8.3) is judged by it.
            if c.verification != nil {
                checks.require(c.verifiedOn, "commitment.verifiedOn", "核验日期", when: "with a verification result")
            } else if c.verifiedOn != nil {
                checks.require(c.verification, "commitment.verification", "核验结果 (fulfilled or broken)", when: "with a verification date")
            }
        }
        if let uscc = authority?.uscc { checks.uscc(uscc, "authority.uscc") }
        if let c = changeDecision {
            checks.require(c.request, "changeDecision.request", "函告文号 (the change request answered)")
            checks.require(supervisingDepartment, "supervisingDepartment", "the requesting department", when: "for a decision on a change request")
        }
        return checks.rejections
    }
}

/// The approval bureau's decision on a change request (函告) of a supervising department, told back to it: 石城 art. 28
/// 「同时告知…处理结果」, 周村 art. 7.2.3, 曲阜 art. 21.3 「依法作出处理决定，同时推送至监管部门」.
public struct ChangeDecision: Sendable, Hashable, Codable {
    /// What the bureau decided.
    public enum Outcome: String, Sendable, Hashable, Codable, CaseIterable {
        /// The licence was changed, withdrawn, revoked or cancelled as asked (准予).
        case granted
        /// The request was refused (不予), with the reasons in the approval's content.
        case refused

        /// The Chinese label.
        public var label: String {
            switch self {
            case .granted: "准予"
            case .refused: "不予"
            }
        }
    }

    /// The request answered: its document number (函告文号), as the change request message carries it.
    public var request: String
    /// What the request asked, when the source says.
    public var action: Supervision.ChangeAction?
    /// What was decided.
    public var outcome: Outcome

    /// A decision on a change request.
    public init(request: String, action: Supervision.ChangeAction? = nil, outcome: Outcome) {
        self.request = request
        self.action = action
        self.outcome = outcome
    }
}

/// An authority or department with its USCC (许可机关, 处罚机关, 数据来源单位).
public struct Organisation: Sendable, Hashable, Codable {
    /// The name.
    public var name: String
    /// Its 统一社会信用代码.
    public var uscc: String?

    /// An organisation.
    public init(name: String, uscc: String? = nil) {
        self.name = name
        self.uscc = uscc
    }
}

/// The face information (照面信息) of a comprehensive licence (综合许可证, 一业一证).
public struct ComprehensiveLicence: Sendable, Hashable, Codable {
    /// 综合许可证编号.
    public var number: String
    /// The industry or licence name.
    public var name: String?
    /// The licences it integrates.
    public var integratedItems: [String]?

    /// Face information.
    public init(number: String, name: String? = nil, integratedItems: [String]? = nil) {
        self.number = number
        self.name = name
        self.integratedItems = integratedItems
    }
}

/// A notification-commitment (告知承诺): the letter and when it must be verified (后置核验).
public struct Commitment: Sendable, Hashable, Codable {
    /// The commitment letter's number or reference (告知承诺书编号).
    public var letterReference: String
    /// The day the commitment was made, when it differs from the decision date.
    public var date: LocalDate?
    /// The result of the verification afterwards (后置核验, 周村 art. 8.3), once it is done.
    public var verification: Verification?
    /// The day it was verified.
    public var verifiedOn: LocalDate?
    /// What the verification found, in words.
    public var verificationNote: String?

    /// What a commitment's verification found.
    public enum Verification: String, Sendable, Hashable, Codable, CaseIterable {
        /// The applicant meets what it committed to (核验通过).
        case fulfilled
        /// The commitment was not kept or was false (未履行承诺 / 虚假承诺, 周村 art. 8.4–8.5).
        case broken

        /// The Chinese label.
        public var label: String {
            switch self {
            case .fulfilled: "核验通过"
            case .broken: "未履行承诺"
            }
        }
    }

    /// A commitment.
    public init(letterReference: String, date: LocalDate? = nil, verification: Verification? = nil, verifiedOn: LocalDate? = nil,
                verificationNote: String? = nil) {
        self.letterReference = letterReference
        self.date = date
        self.verification = verification
        self.verifiedOn = verifiedOn
        self.verificationNote = verificationNote
    }
}

/// 许可类别: 普通 / 特许 / 认可 / 核准 / 登记 / 其他-(具体类别).
public struct LicenceCategory: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// The five named categories.
    public static let named = ["普通", "特许", "认可", "核准", "登记"].map(LicenceCategory.init(rawValue:))

    /// A named category, or `其他-` followed by the specific one.
    public var isValid: Bool { Self.named.contains(self) || (rawValue.hasPrefix("其他-") && rawValue.count > 3) }
}

extension String {
    /// Empty or only white space.
    var isBlank: Bool { Whitespace.isBlank(self) }
}
