import Foundation
import SGWCore
import Testing
@testable import SGWSimulator

/// The claim plan: reproducible per seed and message id, within 0…N working days.
@Suite struct ClaimPlannerTests {
    let calendar = (try? WorkingCalendar.load()) ?? WorkingCalendar(years: [])

    @Test func sameSeedAndIdGiveTheSamePlan() {
        let planner = ClaimPlanner(seed: 42, claims: .init(), calendar: calendar)
        let at = ShanghaiTime.instant(on: LocalDate(year: 2026, month: 9, day: 30)!, hour: 10)
        for n in 0..<50 {
            #expect(planner.plan(messageId: "m\(n)", department: "d", acceptedAt: at)
                    == planner.plan(messageId: "m\(n)", department: "d", acceptedAt: at))
        }
    }

    @Test func claimsFallWithinMaxWorkingDaysAndSomeNever() {
        var claims = SimulatorConfiguration.Claims()
        claims.neverClaimShare = 0.2
        claims.maxClaimDays = 3
        let planner = ClaimPlanner(seed: 7, claims: claims, calendar: calendar)
        // 2026-09-30, the day before the National Day holiday: 3 working days reach past it.
        let acceptedDate = LocalDate(year: 2026, month: 9, day: 30)!
        let at = ShanghaiTime.instant(on: acceptedDate, hour: 10)
        let latest = ShanghaiTime.endOfDay(calendar.adding(workingDays: 3, to: acceptedDate).date)
        var never = 0
        for n in 0..<200 {
            let claim = planner.plan(messageId: "m\(n)", department: "d", acceptedAt: at).first { $0.type == "claimed" }
            guard let claim else { never += 1; continue }
            #expect(claim.at >= at && claim.at <= latest)
            let day = ShanghaiTime.date(of: claim.at)
            #expect(claim.at == at || calendar.isWorkingDay(day))
        }
        #expect(never > 10 && never < 80)
    }

    @Test func seededChanceIsNearItsShare() {
        var random = SeededRandom(seed: 3, name: "faults")
        let hits = (0..<10_000).filter { _ in random.chance(0.3) }.count
        #expect(hits > 2_800 && hits < 3_200)
    }
}
