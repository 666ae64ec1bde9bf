/// The console's Chinese words for sgw's stable codes (kinds, states, history events), and the tone each is shown in.
/// A code without a word here is shown as it is: a new code is never hidden.
enum ConsoleLabels {
    /// A message kind.
    static func kind(_ code: String) -> String {
        switch code {
        case "approval": "审批结果"
        case "supervision": "监管信息"
        case "credit.licence": "双公示·行政许可"
        case "credit.penalty": "双公示·行政处罚"
        case "credit.inspection": "双公示·检查"
        default: code
        }
    }

    /// The kinds the message search offers, in order.
    static let kinds = ["approval", "supervision", "credit.licence", "credit.penalty", "credit.inspection"]

    /// A delivery's or a deadline's state.
    static func state(_ code: String) -> String {
        switch code {
        case "pending": "待推送"
        case "leased": "推送中"
        case "delivered": "已推送"
        case "dead": "死信"
        case "superseded": "已被新版本取代"
        case "open": "待认领"
        case "claimed": "已认领"
        case "claimed-late": "迟延认领"
        case "auto-claimed": "视为自动认领"
        case "overdue": "逾期"
        case "disputed": "有争议"
        case "answered": "已答复"
        case "closed": "已完成"
        default: code
        }
    }

    /// The delivery states the message search filters on, in order.
    static let deliveryStates = ["pending", "leased", "delivered", "dead"]

    /// A history event of a message's timeline.
    static func event(_ code: String) -> String {
        switch code {
        case "ingested": "接收"
        case "version": "新版本（更正）"
        case "delivery-planned": "计划推送"
        case "due": "期限"
        case "leased", "attempt": "推送尝试"
        case "attempt-failed": "推送失败"
        case "lease-expired": "推送无应答"
        case "delivered": "已推送（回执）"
        case "packaged": "已打包（线下推送）"
        case "dead-letter": "转入死信"
        case "replayed": "重新投递"
        case "superseded": "被新版本取代"
        case "claimed": "认领"
        case "claimed-late": "迟延认领"
        case "auto-claimed": "视为自动认领"
        case "overdue": "逾期未认领"
        case "disputed": "争议"
        case "dispute": "争议"
        case "feedback": "反馈"
        case "recounted": "重新计数"
        default: code
        }
    }

    /// The tone (a CSS class) of a state or event: `good`, `warn`, `bad` or none.
    static func tone(_ code: String) -> String {
        switch code {
        case "delivered", "claimed", "closed", "answered": "good"
        case "auto-claimed", "claimed-late", "disputed", "dispute", "attempt-failed", "lease-expired", "replayed", "due": "warn"
        case "dead", "dead-letter", "overdue": "bad"
        default: ""
        }
    }

    /// A role.
    static func role(_ code: String) -> String {
        switch code {
        case "admin": "管理员"
        case "operator": "运维人员"
        case "department": "监管部门"
        case "auditor": "审计人员"
        default: code
        }
    }

    /// A number of seconds as days, hours or minutes.
    static func duration(seconds: Int) -> String {
        if seconds >= 86_400 { return "\(seconds / 86_400) 天 \(seconds % 86_400 / 3600) 小时" }
        if seconds >= 3600 { return "\(seconds / 3600) 小时 \(seconds % 3600 / 60) 分" }
        return "\(seconds / 60) 分"
    }
}
