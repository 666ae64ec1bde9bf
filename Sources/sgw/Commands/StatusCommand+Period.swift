import ArgumentParser
import Foundation
import SGWCore
import SGWReports
import SGWStore

/// `sgw status --period P [--profile P] [--department D]`: the period's deliveries and deadlines counted by duty and
/// state in the store, the figures `sgw report` for the same period must agree with.
struct StatusPeriodOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only the messages received in this period (2026-11, 2026-Q4, FROM..TO), counted as `sgw report` counts them.",
                               valueName: "period"))
    var period: String?
    @Option(help: "With --period: only this profile's messages.") var profile: String?
    @Option(help: "With --period: only this department's messages.") var department: String?
}

extension StatusCommand {
    func printPeriod(_ text: String, now: Date) throws {
        guard let period = ReportingPeriod(text) else { throw ValidationError(ReportPeriodError.unreadable(text).message) }
        let query = ReportQuery(from: period.from, until: period.until, profile: periodOptions.profile, department: periodOptions.department)
        let f = try storeOptions.reading { try $0.periodFigures(query, now: now) }
        if json {
            let object: [String: Any] = [
                "period": period.description, "from": ShanghaiTime.format(period.from), "until": ShanghaiTime.format(period.until),
                "messages": f.messages,
                "deliveries": f.deliveries.mapValues { d in
                    ["total": d.total, "onTime": d.onTime, "late": d.late, "deadLetters": d.deadLetters, "held": d.held,
                     "waiting": d.waiting, "overdue": d.overdue]
                },
                "deadlines": f.deadlines,
            ]
            print(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
            return
        }
        print("period \(period): messages received \(ShanghaiTime.format(period.from)) to \(ShanghaiTime.format(period.until)) "
              + "(Shanghai, the end excluded)" + (periodOptions.profile.map { ", profile \($0)" } ?? "")
              + (periodOptions.department.map { ", department \($0)" } ?? "") + ": \(f.messages)")
        print("deliveries (on time + late + dead letters + waiting + overdue = total):")
        if f.deliveries.isEmpty { print("  none") }
        for duty in f.deliveries.keys.sorted() {
            let d = f.deliveries[duty]!
            print("  \(duty): \(d.total): \(d.onTime) on time, \(d.late) late, \(d.deadLetters) dead letters (\(d.held) held as "
                  + "incomplete records), \(d.waiting) waiting, \(d.overdue) overdue")
        }
        print("deadlines by state:")
        if f.deadlines.isEmpty { print("  none") }
        for duty in f.deadlines.keys.sorted() {
            let states = f.deadlines[duty]!
            print("  \(duty): \(states.values.reduce(0, +)): " + states.keys.sorted().map { "\(states[$0]!) \($0)" }.joined(separator: ", "))
        }
    }
}
