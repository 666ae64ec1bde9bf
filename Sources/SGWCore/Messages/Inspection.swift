/// 行业监管信息 for the credit platform: an inspection's result or the handling decision that followed it
/// (聊城 art. 19.1 「行业监管信息要在检查结果或处理决定作出后7个工作日内推送至信用信息平台」). Not a 双公示 record: the
/// credit platform receives it as the canonical message (docs/platform-api.md).
public struct Inspection: Sendable, Hashable, Codable {
    /// 检查事项.
    public var itemName: String
    /// 检查结果 or 处理决定: what was found and decided.
    public var result: String
    /// The inspection record's or the decision's number (检查记录编号 / 处理决定书文号).
    public var documentNumber: String?
    /// The inspected party.
    public var counterparty: Counterparty
    /// The day the result or the decision was made: the 7 working days count from it.
    public var decisionDate: LocalDate
    /// The inspecting department (检查机关) with its USCC.
    public var authority: Organisation
    /// The licence concerned (关联许可证编号), when there is one.
    public var relatedLicence: String?

    /// An inspection result.
    public init(itemName: String, result: String, documentNumber: String? = nil, counterparty: Counterparty,
                decisionDate: LocalDate, authority: Organisation, relatedLicence: String? = nil) {
        self.itemName = itemName
        self.result = result
        self.documentNumber = documentNumber
        self.counterparty = counterparty
        self.decisionDate = decisionDate
        self.authority = authority
        self.relatedLicence = relatedLicence
    }

    /// Required: the item, the result, the counterparty with a valid identity, the inspecting department by name (its
    /// USCC checked when given).
    public func rejections() -> [Rejection] {
        var checks = FieldChecks()
        checks.require(itemName, "itemName", "检查事项")
        checks.require(result, "result", "检查结果")
        checks.merge(counterparty.rejections())
        checks.require(authority.name, "authority.name", "检查机关")
        if let uscc = authority.uscc { checks.uscc(uscc, "authority.uscc") }
        return checks.rejections
    }
}
