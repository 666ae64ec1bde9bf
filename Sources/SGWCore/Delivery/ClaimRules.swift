public import Foundation

/// What happens to a claim, feedback or other duty deadline, decided without a database or a clock: the store loads
/// the deadline, asks these rules, and writes back what they say. The rules carry legal weight (who answers for an
/// unclaimed message), so they live here, tested on their own.
public enum ClaimRules {
    /// Where a deadline stands.
    public enum State: String, Sendable, Hashable, CaseIterable {
        /// Running.
        case open
        /// Closed by the department's claim (认领) within the deadline.
        case claimed
        /// Closed by a claim after the deadline: after it was overdue, or after an auto-claim.
        case claimedLate = "claimed-late"
        /// Closed at the deadline without a claim: 视为自动认领, where the profile's text says so.
        case autoClaimed = "auto-claimed"
        /// Past its deadline with nothing done, where the text sets no auto-claim: still waiting, and late.
        case overdue
        /// A feedback window in which the department raised a question or objection.
        case disputed
        /// A feedback window that passed without feedback.
        case closed
        /// A commitment verified (后置核验) by its deadline; `verifiedLate` after it.
        case verified
        case verifiedLate = "verified-late"

        /// Whether the deadline still waits for its department (running, or late and not yet done).
        public var isWaiting: Bool { self == .open || self == .overdue }
    }

    /// A deadline's new state, who closed it (or answers for it) and when, and the history line that says so.
    public struct Decision: Sendable, Hashable {
        /// The new state; nil leaves the deadline as it is (the event is only recorded in the history).
        public var state: State?
        /// Who closed it, or for an overdue deadline who is late; and when it closed.
        public var closedBy: String?
        public var closedAt: Date?
        /// The history event and its detail.
        public var event: String
        public var detail: String
    }

    /// Who answers for a message that nobody claimed in time: the approval's supervising department; for supervision
    /// information, which the approval bureau receives, the approval authority the profile names.
    public static func responsibleDepartment(duty: DutyName, supervisingDepartment: String?, approvalAuthority: String) -> String {
        switch duty {
        case .supervisionClaim, .supervisionFeedback, .commitmentVerify: approvalAuthority
        default: supervisingDepartment ?? "监管部门（未指定）"
        }
    }

    /// A claim by `department` at `at` on a claim deadline in `state`, due at `dueAt`.
    public static func claim(state: State, dueAt: Date, department: String, at: Date) -> Decision {
        let when = "claimed by \(department) at \(ShanghaiTime.format(at))"
        switch state {
        case .open where at <= dueAt:
            return Decision(state: .claimed, closedBy: department, closedAt: at, event: "claimed", detail: when + ", within the claim deadline")
        case .autoClaimed where at <= dueAt:
            // Claimed in time, but the claim reached sgw after the deadline had closed (a claims feed that could not be
            // read across it, a callback the platform retried): the department's claim stands, not 视为自动认领.
            return Decision(state: .claimed, closedBy: department, closedAt: at, event: "claimed",
                            detail: when + ", within the claim deadline; it reached sgw after the deadline was closed as "
                                + "auto-claimed, which it replaces")
        case .open, .overdue, .autoClaimed:
            // Late: recorded on the deadline with how late, so that reports count it, not only in the history.
            let before = state == .autoClaimed ? "; it had been auto-claimed (视为自动认领) at \(ShanghaiTime.format(dueAt)), and the "
                + "responsibility stays with the department that did not claim in time" : ""
            return Decision(state: .claimedLate, closedBy: department, closedAt: at, event: "claimed-late",
                            detail: when + ", \(lateness(from: dueAt, to: at)) after the claim deadline \(ShanghaiTime.format(dueAt))" + before)
        case .claimed, .claimedLate, .disputed, .closed, .verified, .verifiedLate:
            // Already closed by a claim: recorded, nothing changes.
            return Decision(state: nil, event: "claimed", detail: "\(when), after it was \(state.rawValue)")
        }
    }

    /// A question or objection (疑问或争议) by `department`, against the feedback window in `state` (nil: none).
    public static func dispute(state: State?, department: String, reason: String?, at: Date) -> Decision {
        Decision(state: state == .open ? .disputed : nil, closedBy: department, closedAt: at, event: "dispute",
                 detail: "\(department) raised a question or objection: \(reason ?? "no reason given")"
                    + (state == .open ? "" : " (outside the feedback window)"))
    }

    /// What happens to an open deadline of `duty` under the profile's `rule`, due at `dueAt`, at `now`. Nil while it
    /// runs, and while the message is not acknowledged: claim time runs from the push, so an unacknowledged message
    /// cannot be claimed. `party` is who answers for the duty (`responsibleDepartment`).
    ///
    /// A claim is auto-claimed only where the profile's text says so (`auto_claim: true`); otherwise it becomes
    /// overdue and stays open until a late claim. A feedback window closes. Any other duty becomes overdue.
    public static func due(duty: DutyName, rule: Duty, dueAt: Date, now: Date, acknowledged: Bool, party: String) -> Decision? {
        guard acknowledged, now >= dueAt else { return nil }
        let deadline = ShanghaiTime.format(dueAt)
        if duty.isFeedback {
            return Decision(state: .closed, closedAt: dueAt, event: "deadline", detail: "\(duty.rawValue) window closed without feedback")
        }
        if duty.isClaim, rule.autoClaim {
            return Decision(state: .autoClaimed, closedBy: party, closedAt: dueAt, event: "auto-claimed",
                            detail: "not claimed by \(deadline): 视为自动认领 (art. \(rule.article)), responsibility with \(party)")
        }
        let what = duty.isClaim ? "not claimed by \(deadline)" : "\(duty.rawValue) not done by \(deadline)"
        let why = duty.isClaim ? "no auto-claim in art. \(rule.article)" : "art. \(rule.article)"
        return Decision(state: .overdue, closedBy: party, event: "overdue",
                        detail: "\(what): overdue (\(why)), late: \(party); open until it is done")
    }

    /// The verification of a commitment (周村 art. 8.3) on `verifiedOn`, found in the approval's message (or a later
    /// version of it), against its `commitment.verify` deadline due at `dueAt`; `party` is the approval authority.
    public static func verified(dueAt: Date, verifiedOn: LocalDate, result: Commitment.Verification, party: String) -> Decision {
        let at = ShanghaiTime.instant(on: verifiedOn)
        let late = ShanghaiTime.date(of: dueAt) < verifiedOn
        let broken = result == .broken
            ? "; the commitment was not kept (未履行承诺, art. 8.4–8.5): the approval with the result is pushed at once" : ""
        return Decision(state: late ? .verifiedLate : .verified, closedBy: party, closedAt: at, event: late ? "verified-late" : "verified",
                        detail: "commitment verified by \(party) on \(verifiedOn): \(result.label)"
                            + (late ? ", after the verification deadline \(ShanghaiTime.format(dueAt))" : ", within the verification deadline")
                            + broken)
    }

    /// How late, in words: `3 h 5 min`, `2 d 4 h`.
    public static func lateness(from dueAt: Date, to at: Date) -> String {
        let minutes = max(0, Int((at.timeIntervalSince(dueAt) / 60).rounded(.up)))
        let days = minutes / 1440, hours = minutes % 1440 / 60, rest = minutes % 60
        var parts: [String] = []
        if days > 0 { parts.append("\(days) d") }
        if hours > 0 { parts.append("\(hours) h") }
        if rest > 0 || parts.isEmpty { parts.append("\(rest) min") }
        return parts.joined(separator: " ")
    }
}
