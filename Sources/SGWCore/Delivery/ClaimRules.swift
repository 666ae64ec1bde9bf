public import Foundation

/// What happens to a claim or feedback deadline, decided without a database or a clock: the store loads the
/// deadline, asks these rules, and writes back what they say. The rules carry legal weight (who answers for an
/// unclaimed message), so they live here, tested on their own.
public enum ClaimRules {
    /// Where a claim (`approval.claim`, `supervision.claim`) or feedback (`approval.feedback`) deadline stands.
    public enum State: String, Sendable, Hashable, CaseIterable {
        /// Running.
        case open
        /// Closed by the department's claim (认领).
        case claimed
        /// Closed at the deadline without a claim: 视为自动认领.
        case autoClaimed = "auto-claimed"
        /// A feedback window in which the department raised a question or objection.
        case disputed
        /// A feedback window that passed without feedback.
        case closed
    }

    /// A deadline's new state, who closed it and when, and the history line that says so.
    public struct Decision: Sendable, Hashable {
        /// The new state; nil leaves the deadline as it is (the event is only recorded in the history).
        public var state: State?
        /// Who closed it (a department) and when.
        public var closedBy: String?
        public var closedAt: Date?
        /// The history event and its detail.
        public var event: String
        public var detail: String
    }

    /// Who answers for a message that nobody claimed: the approval's supervising department; for supervision
    /// information, which the approval bureau receives, the approval bureau.
    public static func responsibleDepartment(duty: DutyName, supervisingDepartment: String?) -> String {
        duty == .supervisionClaim ? "行政审批服务局" : (supervisingDepartment ?? "监管部门（未指定）")
    }

    /// A claim by `department` at `at` on a claim deadline in `state`, due at `dueAt`.
    public static func claim(state: State, dueAt: Date, department: String, at: Date) -> Decision {
        let when = "claimed by \(department) at \(ShanghaiTime.format(at))"
        if state == .autoClaimed, at <= dueAt {
            // Claimed in time, but the claim reached sgw after the deadline had closed (a claims feed that could not be
            // read across it, a callback the platform retried): the department's claim stands, not 视为自动认领.
            return Decision(state: .claimed, closedBy: department, closedAt: at, event: "claimed",
                            detail: when + ", within the claim deadline; it reached sgw after the deadline was closed as "
                                + "auto-claimed, which it replaces")
        }
        guard state == .open else {
            // Already closed (claimed before, or auto-claimed at the deadline): recorded, nothing changes.
            return Decision(state: nil, event: "claimed", detail: "\(when), after it was \(state.rawValue)")
        }
        return Decision(state: .claimed, closedBy: department, closedAt: at, event: "claimed",
                        detail: when + (at > dueAt ? ", after the claim deadline" : ", within the claim deadline"))
    }

    /// A question or objection (反馈意见) by `department`, against the feedback window in `state` (nil: none).
    public static func dispute(state: State?, department: String, reason: String?, at: Date) -> Decision {
        Decision(state: state == .open ? .disputed : nil, closedBy: department, closedAt: at, event: "dispute",
                 detail: "\(department) raised a question or objection: \(reason ?? "no reason given")"
                    + (state == .open ? "" : " (outside the feedback window)"))
    }

    /// What happens to an open deadline of `duty` due at `dueAt`, at `now`. Nil while it runs, and while the
    /// message is not acknowledged: claim time runs from the push, so an unacknowledged message cannot be claimed.
    public static func due(duty: DutyName, dueAt: Date, now: Date, acknowledged: Bool, supervisingDepartment: String?) -> Decision? {
        guard acknowledged, now >= dueAt else { return nil }
        switch duty {
        case .approvalClaim, .supervisionClaim:
            let department = responsibleDepartment(duty: duty, supervisingDepartment: supervisingDepartment)
            return Decision(state: .autoClaimed, closedBy: department, closedAt: dueAt, event: "auto-claimed",
                            detail: "not claimed by \(ShanghaiTime.format(dueAt)): 视为自动认领, responsibility with \(department)")
        default:
            return Decision(state: .closed, closedAt: dueAt, event: "deadline", detail: "\(duty.rawValue) window closed without feedback")
        }
    }
}
