public import SGWCore

/// The two charts of an accountability report: the on-time share of pushes per department, and the items that went
/// late over the period.
extension AccountabilityReport {
    /// 各部门按时推送率: per department, pushes delivered on time out of all its pushes (the pushes table).
    public var onTimeChart: BarChart {
        guard let t = table("pushes"), let onTime = t.column("onTime") else { return BarChart(title: "各部门按时推送率", bars: [], style: .shares) }
        var byDepartment: [String: (Int, Int)] = [:]
        for row in t.rows {
            byDepartment[row.department, default: (0, 0)].0 += row.cells[onTime].count
            byDepartment[row.department, default: (0, 0)].1 += row.cells[0].count
        }
        let bars = byDepartment.keys.sorted().map { d -> BarChart.Bar in
            let (n, total) = byDepartment[d]!
            let share = total == 0 ? 0 : Double(n) / Double(total)
            return BarChart.Bar(label: d, value: share, text: "\(n)/\(total) · \(Int((share * 100).rounded()))%")
        }
        return BarChart(title: "各部门按时推送率（按时推送 / 应推送）", bars: bars, style: .shares)
    }

    /// 逾期情况: per day of receipt (per week when the period is longer than two months), the items of that day's
    /// messages that went late: pushes and credit records delivered late or overdue, claims claimed late or overdue.
    /// The columns add up to those columns' totals in the tables.
    public var overdueChart: BarChart {
        let lateColumns = ["pushes": ["late", "overdue"], "claims": ["claimedLate", "overdue"], "credit": ["late", "overdue"]]
        var byDay: [LocalDate: Int] = [:]
        for (id, columns) in lateColumns {
            guard let t = table(id) else { continue }
            for c in columns.compactMap(t.column) {
                for row in t.rows { for e in row.cells[c] { byDay[ShanghaiTime.date(of: e.receivedAt), default: 0] += 1 } }
            }
        }
        let days = period.days
        let weekly = days.count > 62
        var bars: [BarChart.Bar] = []
        var i = 0
        while i < days.count {
            let group = Array(days[i..<min(days.count, i + (weekly ? 7 : 1))])
            let n = group.reduce(0) { $0 + (byDay[$1] ?? 0) }
            let label = weekly ? "\(group[0].month)/\(group[0].day)起" : "\(group[0].day)"
            bars.append(BarChart.Bar(label: label, value: Double(n), text: "\(n)"))
            i += group.count
        }
        return BarChart(title: weekly ? "逾期项数（按消息接收周）" : "逾期项数（按消息接收日）", bars: bars, style: .columns)
    }
}
