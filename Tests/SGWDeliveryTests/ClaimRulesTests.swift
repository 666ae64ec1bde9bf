import Foundation
import SGWCore
import Testing

/// Who closed a claim or feedback deadline, and who answers for an unclaimed message: decided without a database.
@Suite struct ClaimRulesTests {
    let due = ShanghaiTime.parseInstant("2026-11-24T23:59:59+08:00")!
    let autoClaim = Duty(limit: .workingDays(1), autoClaim: true, article: "7.1.1", countedFrom: .push)
    let noAutoClaim = Duty(limit: .workingDays(3), autoClaim: false, article: "20.1", countedFrom: .push)

    @Test func aClaimClosesAnOpenDeadlineAndALateOneIsRecordedWithHowLate() {
        let inTime = ClaimRules.claim(state: .open, dueAt: due, department: "区水利局", at: due.addingTimeInterval(-60))
        #expect(inTime.state == .claimed && inTime.closedBy == "区水利局")
        #expect(inTime.detail.hasSuffix("within the claim deadline"))
        // Late, before sgw marked it overdue: claimed late, with how late.
        let late = ClaimRules.claim(state: .open, dueAt: due, department: "区水利局", at: due.addingTimeInterval(60))
        #expect(late.state == .claimedLate && late.closedAt == due.addingTimeInterval(60) && late.event == "claimed-late")
        #expect(late.detail.contains("1 min after the claim deadline"))
        // Overdue (no auto-claim in the text): a late claim closes it, recorded as late.
        let overdue = ClaimRules.claim(state: .overdue, dueAt: due, department: "区水利局", at: due.addingTimeInterval(2 * 86400 + 3 * 3600))
        #expect(overdue.state == .claimedLate && overdue.closedBy == "区水利局")
        #expect(overdue.detail.contains("2 d 3 h after the claim deadline"))
        // After an auto-claim: recorded on the deadline the same way, and the auto-claim's responsibility is stated.
        let after = ClaimRules.claim(state: .autoClaimed, dueAt: due, department: "区水利局", at: due.addingTimeInterval(3600))
        #expect(after.state == .claimedLate)
        #expect(after.detail.contains("1 h after the claim deadline") && after.detail.contains("auto-claimed (视为自动认领)"))
        // A claim made in time that reached sgw only after the auto-claim (the feed was down across the deadline)
        // stands: the department claimed it.
        let delayed = ClaimRules.claim(state: .autoClaimed, dueAt: due, department: "区水利局", at: due.addingTimeInterval(-3600))
        #expect(delayed.state == .claimed && delayed.closedBy == "区水利局" && delayed.closedAt == due.addingTimeInterval(-3600))
        #expect(delayed.detail.contains("within the claim deadline"))
        // A claimed deadline stays claimed whatever comes after.
        for state in [ClaimRules.State.claimed, .claimedLate] {
            #expect(ClaimRules.claim(state: state, dueAt: due, department: "区水利局", at: due.addingTimeInterval(-60)).state == nil)
        }
    }

    @Test func anUnclaimedMessageIsAutoClaimedOnlyWhereTheTextSaysSo() {
        #expect(ClaimRules.due(duty: .approvalClaim, rule: autoClaim, dueAt: due, now: due.addingTimeInterval(-1), acknowledged: true,
                               party: "区水利局") == nil)
        #expect(ClaimRules.due(duty: .approvalClaim, rule: autoClaim, dueAt: due, now: due.addingTimeInterval(1), acknowledged: false,
                               party: "区水利局") == nil)
        let auto = ClaimRules.due(duty: .approvalClaim, rule: autoClaim, dueAt: due, now: due, acknowledged: true, party: "区水利局")
        #expect(auto?.state == .autoClaimed && auto?.closedBy == "区水利局" && auto?.closedAt == due)
        #expect(auto?.detail.contains("视为自动认领") == true)
        // 曲阜 20.1: no auto-claim; the deadline is overdue, still open, and names the department that is late.
        let overdue = ClaimRules.due(duty: .approvalClaim, rule: noAutoClaim, dueAt: due, now: due.addingTimeInterval(60),
                                     acknowledged: true, party: "市水务局")
        #expect(overdue?.state == .overdue && overdue?.closedBy == "市水务局" && overdue?.closedAt == nil)
        #expect(overdue?.state?.isWaiting == true)
        #expect(overdue?.detail.contains("视为自动认领") == false)
        // A feedback window that passes quietly is closed, with nobody to blame.
        let quiet = ClaimRules.due(duty: .supervisionFeedback, rule: noAutoClaim, dueAt: due, now: due, acknowledged: true, party: "x")
        #expect(quiet?.state == .closed && quiet?.closedBy == nil)
    }

    @Test func supervisionInformationIsTheProfilesApprovalAuthoritysToClaim() {
        #expect(ClaimRules.responsibleDepartment(duty: .supervisionClaim, supervisingDepartment: nil, approvalAuthority: "石城县行政审批局")
                == "石城县行政审批局")
        #expect(ClaimRules.responsibleDepartment(duty: .approvalClaim, supervisingDepartment: "县市场监督管理局",
                                                 approvalAuthority: "石城县行政审批局") == "县市场监督管理局")
    }

    @Test func aDisputeClosesAnOpenFeedbackWindowOnly() {
        #expect(ClaimRules.dispute(state: .open, department: "区水利局", reason: "职责不符", at: due).state == .disputed)
        let late = ClaimRules.dispute(state: .closed, department: "区水利局", reason: nil, at: due)
        #expect(late.state == nil && late.detail.hasSuffix("(outside the feedback window)"))
    }

    @Test func latenessIsSaidInDaysHoursAndMinutes() {
        #expect(ClaimRules.lateness(from: due, to: due) == "0 min")
        #expect(ClaimRules.lateness(from: due, to: due.addingTimeInterval(1)) == "1 min")
        #expect(ClaimRules.lateness(from: due, to: due.addingTimeInterval(86400 + 120)) == "1 d 2 min")
    }
}
