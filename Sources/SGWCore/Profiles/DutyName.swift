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
    /// Feedback or dispute (疑问或争议) on supervision information, by the approval bureau (周村 7.2.1).
    case supervisionFeedback = "supervision.feedback"
    /// A formal request (函告) to change, withdraw, revoke or cancel a licence, with evidence.
    case supervisionChangeRequest = "supervision.change-request"
    /// Publish licensing and penalty decisions on the credit platform (双公示).
    case creditPublish = "credit.publish"
    /// Verify a notification-commitment (告知承诺) afterwards.
    case commitmentVerify = "commitment.verify"
    /// The periodic status report on pushes and claims.
    case reportPeriod = "report.period"

    /// The claim duties: an unclaimed message is auto-claimed or overdue at their deadline, as the profile says.
    public var isClaim: Bool { self == .approvalClaim || self == .supervisionClaim }

    /// The feedback windows: they close at their deadline whether or not anything was said.
    public var isFeedback: Bool { self == .approvalFeedback || self == .supervisionFeedback }

    /// The event a duty counts from when its profile names none: claims and feedback from the push, a commitment's
    /// verification from the commitment, a change request from the finding, everything else from the decision.
    public var defaultClock: Duty.Clock {
        switch self {
        case .approvalClaim, .approvalFeedback, .supervisionClaim, .supervisionFeedback: .push
        case .commitmentVerify: .commitment
        case .supervisionChangeRequest: .finding
        case .approvalPush, .supervisionPush, .creditPublish, .reportPeriod: .decision
        }
    }

    public static func < (lhs: DutyName, rhs: DutyName) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
