public import SGWCore

/// A deadline sgw itself acted on when it fell due: an auto-claim (视为自动认领), a claim or other duty overdue where the
/// text sets no auto-claim, a feedback window without feedback.
public struct ClosedDeadline: Sendable, Hashable {
    /// What became of it at its deadline.
    public enum State: String, Sendable, Hashable, CaseIterable {
        /// Deemed claimed (视为自动认领); the department that did not claim answers for it.
        case autoClaimed = "auto-claimed"
        /// Not done, and the text sets no auto-claim: it stays open, late, until a late claim.
        case overdue
        /// A feedback window that passed without feedback.
        case closed
        /// A commitment's verification deadline closed by the verification the approval carries (in time or late).
        case verified

        /// The state as `ClaimRules` names it, stored in the deadline's row.
        public init?(_ state: ClaimRules.State) {
            switch state {
            case .autoClaimed: self = .autoClaimed
            case .overdue: self = .overdue
            case .closed: self = .closed
            case .verified, .verifiedLate: self = .verified
            case .open, .claimed, .claimedLate, .disputed: return nil
            }
        }
    }

    /// The message.
    public var messageID: MessageID
    /// The duty.
    public var duty: DutyName
    /// What became of it.
    public var state: State
    /// The department that answers for it (auto-claimed or overdue).
    public var department: String?

    /// A deadline acted on.
    public init(messageID: MessageID, duty: DutyName, state: State, department: String?) {
        self.messageID = messageID
        self.duty = duty
        self.state = state
        self.department = department
    }
}
