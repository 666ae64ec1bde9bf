/// Why an approval's counterparty calls for care: a licence of theirs was revoked, or they have a dishonesty (失信)
/// record, received before the approval. 周村 art. 7.2.1: the approval bureau applies 限制准入 or 严格准入 to
/// counterparties under such records; sgw cannot judge that, so it puts the records in front of whoever reads the
/// approval (its message to the platform, the console).
public struct CounterpartyWarning: Sendable, Hashable, Codable {
    /// What the earlier record says.
    public enum Reason: String, Sendable, Hashable, Codable, CaseIterable {
        /// 吊销许可证件: a supervision message of that kind, or a 双公示 penalty in that category.
        case licenceRevoked = "licence-revoked"
        /// 失信: a broken commitment (未履行承诺, 周村 art. 8.4: recorded as dishonesty, no 承诺制 for two years).
        case dishonesty

        /// The Chinese label.
        public var label: String {
            switch self {
            case .licenceRevoked: "曾被吊销许可证件"
            case .dishonesty: "存在失信记录"
            }
        }
    }

    /// The reason.
    public var reason: Reason
    /// The earlier message that carries it.
    public var messageID: MessageID
    /// Its kind.
    public var kind: MessageKind
    /// The date of its decision.
    public var decisionDate: LocalDate
    /// The department that decided or reported it.
    public var department: String?
    /// Its document or letter number.
    public var reference: String?

    /// A warning.
    public init(reason: Reason, messageID: MessageID, kind: MessageKind, decisionDate: LocalDate, department: String?,
                reference: String?) {
        self.reason = reason
        self.messageID = messageID
        self.kind = kind
        self.decisionDate = decisionDate
        self.department = department
        self.reference = reference
    }

    /// One line in Chinese: `行政相对人曾被吊销许可证件：区市场监督管理局 周市场罚〔2024〕1号，2024-09-06；办理审批时依法实行限制准入或严格准入`.
    public var text: String {
        let source = [department, reference].compactMap { $0 }.joined(separator: " ")
        return "行政相对人\(reason.label)：\(source.isEmpty ? "" : source + "，")\(decisionDate)；办理审批时依法实行限制准入或严格准入"
    }
}

extension CounterpartyWarning: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.open()
        w.date("decisionDate", decisionDate)
        w.string("department", department)
        w.string("kind", kind.rawValue)
        w.string("messageID", messageID.rawValue)
        w.string("reason", reason.rawValue)
        w.string("reference", reference)
        w.string("text", text)
        w.close()
    }
}

extension MessageBody {
    /// What this message, received before an approval for the same counterparty, warns that approval of; nil for
    /// most messages.
    public var warningForLaterApprovals: CounterpartyWarning.Reason? {
        switch self {
        case .supervision(let m) where m.kind == .revocation: .licenceRevoked
        case .creditPenalty(let m) where m.categories.contains(.revocation): .licenceRevoked
        case .approval(let m) where m.commitment?.verification == .broken: .dishonesty
        default: nil
        }
    }

    /// The warning this message gives a later approval, as `warningForLaterApprovals` says.
    public func warning(messageID: MessageID) -> CounterpartyWarning? {
        guard let reason = warningForLaterApprovals else { return nil }
        let reference: String? = switch self {
        case .supervision(let m): m.documentNumber
        case .creditPenalty(let m): m.documentNumber
        case .approval(let m): m.commitment?.letterReference
        default: nil
        }
        let date: LocalDate = if case .approval(let m) = self, let verified = m.commitment?.verifiedOn { verified } else { decisionDate }
        return CounterpartyWarning(reason: reason, messageID: messageID, kind: kind, decisionDate: date, department: department,
                                   reference: reference)
    }
}
