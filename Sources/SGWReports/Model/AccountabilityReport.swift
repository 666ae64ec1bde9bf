public import Foundation
public import SGWCore

/// An accountability report (周村 art. 7 and 15, 曲阜 art. 19 and 33, 聊城 art. 23–24): for the messages sgw received in
/// a period, per department and duty, what was pushed and when, who claimed it and when (or answers for it), what was
/// disputed and what is overdue; and the credit records. Every number is a list of entries (`ReportEntry`).
public struct AccountabilityReport: Sendable, Hashable {
    /// The period, and the profile and department it is limited to (nil: all).
    public var period: ReportingPeriod
    public var profile: String?, department: String?
    /// Whose view it is: a department's token sees its own messages only (`nil`: everything).
    public var scopeDepartments: [String]?
    /// When it was made: every outcome is as the store held it then.
    public var generatedAt: Date
    /// Messages received in the period.
    public var messages: Int
    /// `pushes`, `claims`, `credit`.
    public var tables: [ReportTable]

    /// The table with this id.
    public func table(_ id: String) -> ReportTable? { tables.first { $0.id == id } }

    /// One line per table with its totals: `推送 合计 12, 按时推送 10, …` (the script and `sgw report` print these).
    public var totalsSummary: [String] {
        tables.map { t in
            t.title + ": " + t.columns.map { "\($0.title) \(t.total($0.id))" }.joined(separator: ", ")
        }
    }

    /// How "in the period" is meant, in Chinese, printed at the top of every format.
    public static let periodMeaning = "统计范围：本期内网关接收的消息（按接收时间，上海时间，含起始日、不含结束日次日零时）；"
        + "各项结果为报告生成时数据库中的状态（本期消息在期后完成的推送、认领，按其本身期限计为按时或逾期）。"
}

extension AccountabilityReport {
    /// The department a message without one is counted under.
    public static let noDepartment = "（未指定部门）"

    /// A duty's name in Chinese, with its stable name: `审批信息推送（approval.push）`.
    public static func dutyLabel(_ duty: String) -> String {
        let names: [String: String] = [
            "approval.push": "审批信息推送", "supervision.push": "监管信息推送", "supervision.change-request": "函告推送",
            "approval.claim": "审批信息认领", "supervision.claim": "监管信息认领", "credit.publish": "信用信息报送",
        ]
        return names[duty].map { "\($0)（\(duty)）" } ?? duty
    }
}
