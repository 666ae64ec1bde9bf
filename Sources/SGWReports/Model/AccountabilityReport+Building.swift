public import Foundation
public import SGWCore
public import SGWStore

extension AccountabilityReport {
    /// The duties whose deliveries are the pushes between the approval bureau and the supervising departments.
    static let pushDuties: Set<String> = ["approval.push", "supervision.push", "supervision.change-request"]
    /// The claim duties, and the feedback window whose dispute is reported beside each.
    static let claimDuties: Set<String> = ["approval.claim", "supervision.claim"]
    static let feedbackToClaim = ["approval.feedback": "approval.claim", "supervision.feedback": "supervision.claim"]

    /// Builds the report from the store's rows for `query`, judging what is overdue at `now`.
    public static func build(rows: ReportRows, period: ReportingPeriod, query: ReportQuery, now: Date) -> AccountabilityReport {
        var scope: [String]?
        if case .departments(let set) = query.scope { scope = set.sorted() }
        func entry(_ m: ReportRows.Message, duty: String, dueAt: Date?, doneAt: Date?, party: String?, state: String) -> ReportEntry {
            ReportEntry(messageID: m.id, kind: m.kind, department: m.department ?? noDepartment, duty: duty, receivedAt: m.receivedAt,
                        dueAt: dueAt, doneAt: doneAt, party: party, state: state)
        }
        // Deliveries: each in exactly one outcome column.
        func deliveryOutcome(_ d: ReportRows.Delivery, credit: Bool) -> String {
            switch d.state {
            case "delivered":
                // Without a deadline nothing could be late.
                guard let due = d.dueAt else { return "onTime" }
                return (d.deliveredAt ?? .distantFuture) <= due ? "onTime" : "late"
            case "dead":
                return credit && d.deadLetterCode == DeliveryProblem.incompleteRecordCode ? "held" : "dead"
            default:
                guard let due = d.dueAt else { return "waiting" }
                return due < now ? "overdue" : "waiting"
            }
        }
        var pushes = Builder(columns: pushColumns), claims = Builder(columns: claimColumns), credit = Builder(columns: creditColumns)
        for d in rows.deliveries {
            let isCredit = d.duty == DutyName.creditPublish.rawValue
            guard isCredit || pushDuties.contains(d.duty) else { continue }
            let e = entry(d.message, duty: d.duty, dueAt: d.dueAt, doneAt: d.deliveredAt, party: d.destination,
                          // A replayed dead letter keeps its deadletter row: its code tells only while it is dead.
                          state: d.state == "dead" ? d.deadLetterCode.map { "dead: \($0)" } ?? d.state : d.state)
            let outcome = deliveryOutcome(d, credit: isCredit)
            if isCredit {
                credit.add(e, to: outcome)
            } else {
                pushes.add(e, to: outcome)
                if outcome == "onTime" || outcome == "late" { pushes.add(e, to: "pushed") }
            }
        }
        // Claims: the deadline's state is its outcome; a dispute in the feedback window is counted beside it.
        let claimColumn = ["claimed": "claimed", "claimed-late": "claimedLate", "auto-claimed": "autoClaimed",
                           "overdue": "overdue", "open": "open"]
        for d in rows.deadlines {
            if claimDuties.contains(d.duty) {
                let e = entry(d.message, duty: d.duty, dueAt: d.dueAt, doneAt: d.closedAt, party: d.closedBy, state: d.state)
                claims.add(e, to: claimColumn[d.state] ?? "open")
                if d.state == "auto-claimed" || d.state == "overdue", let party = d.closedBy {
                    claims.responsible(party, for: e)
                }
            } else if let claim = feedbackToClaim[d.duty], d.state == ClaimRules.State.disputed.rawValue {
                claims.add(entry(d.message, duty: claim, dueAt: d.dueAt, doneAt: d.closedAt, party: d.closedBy, state: d.state),
                           to: "disputed")
            }
        }
        return AccountabilityReport(
            period: period, profile: query.profile, department: query.department, scopeDepartments: scope, generatedAt: now,
            messages: rows.messages,
            tables: [
                pushes.table(id: "pushes", title: "信息推送",
                             note: "审批部门向监管部门推送审批信息、监管部门向审批部门推送监管信息和函告：每条消息向每个去向的一次推送计一项；被更正版本取代的推送不计（以更正版本的推送计）。"),
                claims.table(id: "claims", title: "信息认领",
                             note: "接收方认领：每条消息的认领期限计一项；超期未认领、依规定视为自动认领的，由责任方承担相应责任。"),
                credit.table(id: "credit", title: "信用信息报送",
                             note: "行政许可、行政处罚决定自作出之日起7个工作日内报送信用平台（双公示）：每条信用记录计一项。"),
            ])
    }

    static let pushColumns: [ReportTable.Column] = [
        .init(id: "total", title: "应推送", meaning: "本期消息的推送项数（= 按时推送 + 逾期推送 + 未推送（未到期）+ 未推送（已逾期）+ 死信）", inTotal: false),
        .init(id: "pushed", title: "已推送", meaning: "平台或接收部门已确认收到（= 按时推送 + 逾期推送，不另计入合计）", inTotal: false),
        .init(id: "onTime", title: "按时推送", meaning: "在推送期限内送达（无期限的送达即计为按时）", inTotal: true),
        .init(id: "late", title: "逾期推送", meaning: "超过推送期限后送达", inTotal: true),
        .init(id: "waiting", title: "未推送（未到期）", meaning: "尚未送达，期限未到", inTotal: true),
        .init(id: "overdue", title: "未推送（已逾期）", meaning: "尚未送达，已过推送期限（仍在重试）", inTotal: true),
        .init(id: "dead", title: "死信", meaning: "平台拒收等原因停止发送，需操作员处理（sgw deadletters）", inTotal: true),
    ]

    static let claimColumns: [ReportTable.Column] = [
        .init(id: "total", title: "应认领", meaning: "本期消息的认领期限数（= 按期认领 + 逾期认领 + 视为自动认领 + 逾期未认领 + 认领期内）", inTotal: false),
        .init(id: "claimed", title: "按期认领", meaning: "接收部门在认领期限内认领", inTotal: true),
        .init(id: "claimedLate", title: "逾期认领", meaning: "超过认领期限后认领（含自动认领后的认领）", inTotal: true),
        .init(id: "autoClaimed", title: "视为自动认领", meaning: "超期未认领，依规定视为自动认领，由责任方承担相应责任", inTotal: true),
        .init(id: "overdue", title: "逾期未认领", meaning: "已过认领期限、规定未设自动认领，仍待认领", inTotal: true),
        .init(id: "open", title: "认领期内", meaning: "认领期限未到，或消息尚未送达（认领期限自推送起算）", inTotal: true),
        .init(id: "disputed", title: "提出异议", meaning: "在反馈期限内提出疑问或争议的消息（不另计入合计）", inTotal: false),
    ]

    static let creditColumns: [ReportTable.Column] = [
        .init(id: "total", title: "应报送", meaning: "本期信用记录数（= 7个工作日内报送 + 逾期报送 + 暂缓 + 其他死信 + 未报送（未到期）+ 未报送（已逾期））", inTotal: false),
        .init(id: "onTime", title: "7个工作日内报送", meaning: "自决定之日起7个工作日内送达信用平台", inTotal: true),
        .init(id: "late", title: "逾期报送", meaning: "超过7个工作日后送达", inTotal: true),
        .init(id: "held", title: "暂缓（记录不完整）", meaning: "数据源缺少必填项，暂不报送，待更正后重新导入（incomplete-record）", inTotal: true),
        .init(id: "dead", title: "其他死信", meaning: "信用平台拒收等原因停止发送，需操作员处理", inTotal: true),
        .init(id: "waiting", title: "未报送（未到期）", meaning: "尚未送达，期限未到", inTotal: true),
        .init(id: "overdue", title: "未报送（已逾期）", meaning: "尚未送达，已过7个工作日（仍在重试）", inTotal: true),
    ]

    /// Gathers entries by (department, duty) and column.
    struct Builder {
        let columns: [ReportTable.Column]
        var rows: [String: [String: [ReportEntry]]] = [:]
        var keys: [String: (String, String)] = [:]
        var parties: [String: [String: Int]] = [:]

        init(columns: [ReportTable.Column]) { self.columns = columns }

        mutating func add(_ e: ReportEntry, to column: String) {
            let key = e.department + "\u{1}" + e.duty
            keys[key] = (e.department, e.duty)
            rows[key, default: [:]][column, default: []].append(e)
            // The total holds every entry once: the parts and the disputes' own rows aside.
            if columns.first(where: { $0.id == column })?.inTotal == true { rows[key, default: [:]]["total", default: []].append(e) }
        }

        mutating func responsible(_ party: String, for e: ReportEntry) {
            parties[e.department + "\u{1}" + e.duty, default: [:]][party, default: 0] += 1
        }

        func table(id: String, title: String, note: String) -> ReportTable {
            let ordered = keys.keys.sorted { a, b in
                let (x, y) = (keys[a]!, keys[b]!)
                return (x.0 == noDepartment ? 1 : 0, x.0, x.1) < (y.0 == noDepartment ? 1 : 0, y.0, y.1)
            }
            return ReportTable(id: id, title: title, note: note, columns: columns, rows: ordered.map { key in
                let (department, duty) = keys[key]!
                let responsible = parties[key].map { p in
                    p.keys.sorted().map { "\($0)（\(p[$0]!)）" }.joined(separator: "、")
                }
                return ReportTable.Row(department: department, duty: duty,
                                       cells: columns.map { rows[key]?[$0.id] ?? [] }, responsible: responsible)
            })
        }
    }
}

extension AccountabilityReport {
    /// Reads `store` and builds the report of `period` (of `profile` and `department` when given) as `scope` may see
    /// it, judged at `now`.
    public static func make(store: any ReportQueries, period: ReportingPeriod, profile: String? = nil, department: String? = nil,
                            scope: MessageScope = .all, now: Date) throws -> AccountabilityReport {
        let query = ReportQuery(from: period.from, until: period.until, profile: profile, department: department, scope: scope)
        return build(rows: try store.reportRows(query), period: period, query: query, now: now)
    }

    /// The report in `format`: `csv`, `html` or `xlsx`.
    public func data(format: ReportFormat, baseURL: String? = nil) throws -> Data {
        switch format {
        case .csv: ReportCSV.data(self)
        case .html: Data(ReportHTML.page(self, baseURL: baseURL).utf8)
        case .xlsx: try ReportXLSX.data(self)
        }
    }

    /// A file name for it: `sgw-report-2026-11-zhoucun.xlsx`.
    public func fileName(format: ReportFormat) -> String {
        Self.fileName(period: period, profile: profile, department: department, format: format)
    }

    /// The file name of a report of `period` (and `profile`, `department`) in `format`, known before it is made:
    /// `sgw-report-2026-11-zhoucun.xlsx`.
    public static func fileName(period: ReportingPeriod, profile: String?, department: String?, format: ReportFormat) -> String {
        var parts = ["sgw-report", period.description.replacingOccurrences(of: "..", with: "_")]
        if let profile { parts.append(profile) }
        if let department { parts.append(department) }
        return parts.joined(separator: "-").replacingOccurrences(of: "/", with: "_") + "." + format.rawValue
    }
}

/// The file formats a report is written in.
public enum ReportFormat: String, Sendable, Hashable, CaseIterable {
    case xlsx, html, csv
}
