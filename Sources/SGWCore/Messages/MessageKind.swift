/// The kinds of canonical message.
public enum MessageKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// 审批信息, to the supervising departments through the interaction platform.
    case approval
    /// 监管信息, back to the approval bureau through the interaction platform.
    case supervision
    /// 双公示 行政许可, to the credit platform.
    case creditLicence = "credit.licence"
    /// 双公示 行政处罚, to the credit platform.
    case creditPenalty = "credit.penalty"
    /// 行业监管信息: an inspection result or handling decision, to the credit platform (聊城 art. 19.1).
    case creditInspection = "credit.inspection"
}
