/// The duties a jurisdiction's rules set, by their stable name in profiles and on the command line.
public enum DutyName: String, CaseIterable, Codable, Sendable, Comparable {
    /// Push approval information to the supervising departments.
    case approvalPush = "approval.push"
    /// The supervising department claims (认领) the approval information.
    case approvalClaim = "approval.claim"
    /// Feedback or dispute (反馈/异议) on approval information.
    case approvalFeedback = "approval.feedback"
    /// Push supervision information back to the approval bureau.
    case supervisionPush = "supervision.push"
    /// The approval bureau claims the supervision information.
    case supervisionClaim = "supervision.claim"
    /// A formal request (函告) to change, withdraw, revoke or cancel a licence, with evidence.
    case supervisionChangeRequest = "supervision.change-request"
    /// Publish licensing and penalty decisions on the credit platform (双公示).
    case creditPublish = "credit.publish"
    /// Verify a notification-commitment (告知承诺) afterwards.
    case commitmentVerify = "commitment.verify"
    /// The periodic status report on pushes and claims.
    case reportPeriod = "report.period"

    public static func < (lhs: DutyName, rhs: DutyName) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
