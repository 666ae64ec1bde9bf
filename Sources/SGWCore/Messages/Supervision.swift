/// Supervision information (监管信息): what a supervising department pushes back to the approval bureau
/// (周村 art. 7.2.2–7.2.3, 曲阜 art. 21).
public struct Supervision: Sendable, Hashable, Codable {
    /// The kind of supervision information.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// 责令停产停业.
        case suspension
        /// 吊销许可证件.
        case revocation
        /// Another 行政处罚 that may affect a licence.
        case penalty
        /// 业务培训.
        case training
        /// 法律法规/政策标准/技术标准/管理规范调整.
        case ruleChange = "rule-change"
        /// 函告: a request to change, withdraw, revoke or cancel a licence, with evidence.
        case changeRequest = "change-request"

        /// The Chinese label.
        public var label: String {
            switch self {
            case .suspension: "责令停产停业"
            case .revocation: "吊销许可证件"
            case .penalty: "行政处罚"
            case .training: "业务培训"
            case .ruleChange: "法律法规/政策标准/技术标准/管理规范调整"
            case .changeRequest: "函告"
            }
        }

        /// Whether the kind concerns one counterparty's case (and so needs a document number and counterparty).
        public var concernsACase: Bool { self != .training && self != .ruleChange }
    }

    /// What a change request asks of the approval bureau.
    public enum ChangeAction: String, Sendable, Hashable, Codable, CaseIterable {
        /// 变更.
        case change
        /// 撤回.
        case withdraw
        /// 撤销.
        case revoke
        /// 注销.
        case cancel

        /// The Chinese label.
        public var label: String {
            switch self {
            case .change: "变更"
            case .withdraw: "撤回"
            case .revoke: "撤销"
            case .cancel: "注销"
            }
        }
    }

    /// A reference to evidence held elsewhere (a document number, a file name, a URL in the department's system).
    public struct Evidence: Sendable, Hashable, Codable {
        /// What the evidence is.
        public var title: String
        /// Where it can be found.
        public var reference: String

        /// Evidence.
        public init(title: String, reference: String) {
            self.title = title
            self.reference = reference
        }
    }

    /// The kind.
    public var kind: Kind
    /// For change requests: what is asked.
    public var changeAction: ChangeAction?
    /// The decision document's number (决定文书号).
    public var documentNumber: String?
    /// The counterparty, for kinds that concern a case.
    public var counterparty: Counterparty?
    /// The decision date.
    public var decisionDate: LocalDate
    /// The day the handling information was published (公布), when the source gives it: 聊城 art. 17.2 counts the push
    /// from it.
    public var publicationDate: LocalDate?
    /// The basis and result (处理依据及结果), or the content of a training or rule change.
    public var basisAndResult: String
    /// The licence concerned (关联许可证编号).
    public var relatedLicence: String?
    /// Evidence, required for change requests.
    public var evidence: [Evidence]?
    /// The department pushing the information (推送部门).
    public var department: String

    /// Supervision information.
    public init(kind: Kind, changeAction: ChangeAction? = nil, documentNumber: String? = nil,
                counterparty: Counterparty? = nil, decisionDate: LocalDate, publicationDate: LocalDate? = nil, basisAndResult: String,
                relatedLicence: String? = nil, evidence: [Evidence]? = nil, department: String) {
        self.kind = kind
        self.changeAction = changeAction
        self.documentNumber = documentNumber
        self.counterparty = counterparty
        self.decisionDate = decisionDate
        self.publicationDate = publicationDate
        self.basisAndResult = basisAndResult
        self.relatedLicence = relatedLicence
        self.evidence = evidence
        self.department = department
    }

    /// The rules' required fields: for a case (suspension, revocation, penalty, change request) the document
    /// number and the counterparty by name (its codes checked when given); always the date, basis and result and department; for a change request the
    /// action, the licence concerned and at least one piece of evidence.
    public func rejections() -> [Rejection] {
        var checks = FieldChecks()
        checks.require(basisAndResult, "basisAndResult", "处理依据及结果")
        checks.require(department, "department", "推送部门")
        if kind.concernsACase {
            checks.require(documentNumber, "documentNumber", "决定文书号", when: "for \(kind.label)")
            if let counterparty {
                checks.merge(counterparty.rejections(requireIdentity: false))
            } else {
                checks.rejections.append(.required(checks.path("counterparty"), "行政相对人", when: "for \(kind.label)"))
            }
        } else if let counterparty {
            checks.merge(counterparty.rejections(requireIdentity: false))
        }
        if kind == .changeRequest {
            checks.require(changeAction, "changeAction", "the action asked (变更/撤回/撤销/注销)")
            checks.require(relatedLicence, "relatedLicence", "the licence concerned (关联许可证编号)")
            if evidence?.isEmpty ?? true {
                checks.add(.required, "evidence", "a change request needs at least one piece of evidence")
            }
        }
        return checks.rejections
    }
}
