import Foundation
import SGWCore
import Testing

/// Who closed a claim or feedback deadline, and who answers for an unclaimed message: decided without a database.
@Suite struct ClaimRulesTests {
    let due = ShanghaiTime.parseInstant("2026-11-24T23:59:59+08:00")!

    @Test func aClaimClosesAnOpenDeadlineAndSaysWhetherItWasInTime() {
        let inTime = ClaimRules.claim(state: .open, dueAt: due, department: "区水利局", at: due.addingTimeInterval(-60))
        #expect(inTime.state == .claimed && inTime.closedBy == "区水利局")
        #expect(inTime.detail.hasSuffix("within the claim deadline"))
        let late = ClaimRules.claim(state: .open, dueAt: due, department: "区水利局", at: due.addingTimeInterval(60))
        #expect(late.detail.hasSuffix("after the claim deadline"))
        // After an auto-claim the claim is recorded, and responsibility stays where the auto-claim put it.
        let after = ClaimRules.claim(state: .autoClaimed, dueAt: due, department: "区水利局", at: due.addingTimeInterval(3600))
        #expect(after.state == nil)
        #expect(after.detail.hasSuffix("after it was auto-claimed"))
        // A claim made in time that reached sgw only after the auto-claim (the feed was down across the deadline)
        // stands: the department claimed it.
        let delayed = ClaimRules.claim(state: .autoClaimed, dueAt: due, department: "区水利局", at: due.addingTimeInterval(-3600))
        #expect(delayed.state == .claimed && delayed.closedBy == "区水利局" && delayed.closedAt == due.addingTimeInterval(-3600))
        #expect(delayed.detail.contains("within the claim deadline"))
        // A claimed deadline stays claimed whatever comes after.
        #expect(ClaimRules.claim(state: .claimed, dueAt: due, department: "区水利局", at: due.addingTimeInterval(-60)).state == nil)
    }

    @Test func anUnclaimedAcknowledgedMessageIsAutoClaimedAtItsDeadline() {
        #expect(ClaimRules.due(duty: .approvalClaim, dueAt: due, now: due.addingTimeInterval(-1), acknowledged: true,
                               supervisingDepartment: "区水利局") == nil)
        #expect(ClaimRules.due(duty: .approvalClaim, dueAt: due, now: due.addingTimeInterval(1), acknowledged: false,
                               supervisingDepartment: "区水利局") == nil)
        let auto = ClaimRules.due(duty: .approvalClaim, dueAt: due, now: due.addingTimeInterval(1), acknowledged: true,
                                  supervisingDepartment: "区水利局")
        #expect(auto?.state == .autoClaimed && auto?.closedBy == "区水利局" && auto?.closedAt == due)
        #expect(auto?.detail.contains("视为自动认领") == true)
        // Supervision information is the approval bureau's to claim.
        #expect(ClaimRules.due(duty: .supervisionClaim, dueAt: due, now: due, acknowledged: true, supervisingDepartment: nil)?.closedBy
                == "行政审批服务局")
        // A feedback window that passes quietly is closed, with nobody to blame.
        let quiet = ClaimRules.due(duty: .approvalFeedback, dueAt: due, now: due, acknowledged: true, supervisingDepartment: "区水利局")
        #expect(quiet?.state == .closed && quiet?.closedBy == nil)
    }

    @Test func aDisputeClosesAnOpenFeedbackWindowOnly() {
        #expect(ClaimRules.dispute(state: .open, department: "区水利局", reason: "职责不符", at: due).state == .disputed)
        let late = ClaimRules.dispute(state: .closed, department: "区水利局", reason: nil, at: due)
        #expect(late.state == nil && late.detail.hasSuffix("(outside the feedback window)"))
    }
}
