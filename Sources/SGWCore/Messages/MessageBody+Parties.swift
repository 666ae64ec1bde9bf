/// Who a message concerns besides its counterparty: the department on the supervising side, which a department's
/// access token is scoped to, and the counterparty's identity, which the counterparty view and its warnings look up.
extension MessageBody {
    /// The department the message is addressed to or sent by: an approval's supervising department (监管部门), a
    /// supervision message's pushing department (推送部门), a credit record's or inspection's authority (许可机关,
    /// 处罚机关, 检查机关). Nil for an approval that names no supervising department (the platform routes it; the
    /// department that claims it is found in its claims).
    public var department: String? {
        let name: String? = switch self {
        case .approval(let m): m.supervisingDepartment
        case .supervision(let m): m.department
        case .creditLicence(let m): m.authority.name
        case .creditPenalty(let m): m.authority.name
        case .creditInspection(let m): m.authority.name
        }
        guard let name, !Whitespace.isBlank(name) else { return nil }
        return Whitespace.trimmed(name)
    }

    /// The counterparty (行政相对人), when the message has one: a supervision message about training or a rule change
    /// has none.
    public var counterparty: Counterparty? {
        switch self {
        case .approval(let m): m.counterparty
        case .supervision(let m): m.counterparty
        case .creditLicence(let m): m.counterparty
        case .creditPenalty(let m): m.counterparty
        case .creditInspection(let m): m.counterparty
        }
    }

    /// What identifies the counterparty across messages: its USCC, else its ID document's number (uppercased, as a
    /// trailing `x` is written either way). Nil when it has neither.
    public var counterpartyIdentity: String? {
        guard let c = counterparty else { return nil }
        return Counterparty.identity(uscc: c.uscc, idNumber: c.idNumber)
    }
}

extension Counterparty {
    /// The identity `counterpartyIdentity` stores and a lookup asks for: a USCC or an ID number, trimmed and uppercased.
    public static func identity(uscc: String?, idNumber: String?) -> String? {
        for value in [uscc, idNumber] {
            if let v = value.map({ Whitespace.trimmed($0) }), !v.isEmpty { return v.uppercased() }
        }
        return nil
    }
}
