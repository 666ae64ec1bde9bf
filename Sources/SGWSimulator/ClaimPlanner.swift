internal import Foundation
import SGWCore

/// Decides how the departments react to one accepted message: a claim after 0 to N working days or never,
/// and now and then a dispute. A pure function of (seed, message id, acceptance time), so reruns repeat.
struct ClaimPlanner: Sendable {
    /// An event the feed will show once the simulator's clock reaches `at`.
    struct PlannedEvent: Sendable, Equatable {
        /// `claimed` or `dispute`.
        var type: String
        /// The message.
        var messageId: String
        /// The claiming or disputing department.
        var department: String
        /// Why, for disputes.
        var reason: String?
        /// When it becomes visible.
        var at: Date
    }

    /// The questions a department raises (反馈意见).
    static let disputeReasons = [
        "许可事项与监管职责不符，请核实",
        "行政相对人信息不完整，请补充统一社会信用代码",
        "许可证有效期与许可内容不一致，请核实",
        "该事项不属于本部门监管范围，请重新推送",
    ]

    let seed: UInt64
    let claims: SimulatorConfiguration.Claims
    let calendar: WorkingCalendar

    /// The events for message `messageId`, accepted at `acceptedAt` on the simulator's clock.
    func plan(messageId: String, department: String, acceptedAt: Date) -> [PlannedEvent] {
        var random = SeededRandom(seed: seed, name: messageId)
        var events: [PlannedEvent] = []
        var claimedAt: Date?
        if !random.chance(claims.neverClaimShare) {
            let at = instant(afterWorkingDays: delay(&random), from: acceptedAt, random: &random)
            claimedAt = at
            events.append(PlannedEvent(type: "claimed", messageId: messageId, department: department, at: at))
        }
        if random.chance(claims.disputeShare) {
            var at = instant(afterWorkingDays: delay(&random), from: acceptedAt, random: &random)
            if let claimedAt, claimedAt > at { at = claimedAt }
            let reason = Self.disputeReasons[Int.random(in: 0..<Self.disputeReasons.count, using: &random)]
            events.append(PlannedEvent(type: "dispute", messageId: messageId, department: department,
                                       reason: reason, at: at))
        }
        return events
    }

    /// 0 to `maxClaimDays` working days.
    private func delay(_ random: inout SeededRandom) -> Int {
        let most = min(max(claims.maxClaimDays, 0), WorkingCalendar.maximumWorkingDays)
        return Int.random(in: 0...most, using: &random)
    }

    /// `acceptedAt` itself for 0 days; otherwise a time in office hours (09:00–17:59, Shanghai) on the Nth
    /// working day after the acceptance date.
    private func instant(afterWorkingDays days: Int, from acceptedAt: Date, random: inout SeededRandom) -> Date {
        guard days > 0 else { return acceptedAt }
        let day = calendar.adding(workingDays: days, to: ShanghaiTime.date(of: acceptedAt)).date
        return ShanghaiTime.instant(on: day, hour: Int.random(in: 9...17, using: &random),
                                    minute: Int.random(in: 0...59, using: &random))
    }
}
