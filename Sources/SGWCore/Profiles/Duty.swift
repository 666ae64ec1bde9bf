/// One duty of a jurisdiction's rules: its time limit and where the rules say so.
public struct Duty: Sendable, Hashable {
    /// How long the duty allows.
    public enum Limit: Sendable, Hashable {
        /// 即时: forwarded as soon as sgw has the record; `targetMinutes` is the operational target.
        case atOnce(targetMinutes: Int)
        /// The end of the Nth working day after the event's date.
        case workingDays(Int)
        /// A report due at the end of each period.
        case period(ReportPeriod)
        /// The rules state the duty without a number (及时, "per item"); no deadline can be computed.
        case unquantified
    }

    /// The time limit.
    public var limit: Limit
    /// Whether an unclaimed message is deemed claimed (视为自动认领) when a claim duty's deadline passes.
    public var autoClaim: Bool
    /// The article of the source document, e.g. `7.1.1`; `mission` for the national 双公示 rule.
    public var article: String
    /// The shortest verbatim excerpt of the source that states the duty.
    public var quote: String?
    /// The event that starts the clock; nil where the rules name none (a duty with no time limit).
    public var countedFrom: Clock?
    /// The supervision kinds the duty applies to (曲阜 21.2: penalties that may affect a licence); nil: every kind.
    /// Supervision information of another kind has no deadline for this duty (及时, art. 21.1).
    public var appliesTo: Set<Supervision.Kind>?
    /// An explanation where the source needs one.
    public var note: String?

    /// A duty.
    public init(limit: Limit, autoClaim: Bool = false, article: String, quote: String? = nil,
                countedFrom: Clock? = nil, appliesTo: Set<Supervision.Kind>? = nil,
                note: String? = nil) {
        self.limit = limit
        self.autoClaim = autoClaim
        self.article = article
        self.quote = quote
        self.countedFrom = countedFrom
        self.appliesTo = appliesTo
        self.note = note
    }

    /// A short human form of the limit: `3 WD`, `at once (30 min)`, `monthly`, `no limit set`.
    public var limitDescription: String {
        switch limit {
        case .atOnce(let minutes): return "at once (target \(minutes) min)"
        case .workingDays(let n): return "\(n) WD" + (autoClaim ? ", then auto-claimed" : "")
        case .period(let period): return period.rawValue
        case .unquantified: return "no time limit set"
        }
    }
}

extension Duty {
    /// Where the clock starts, in words: for an "at once" duty the target runs from receipt whatever the event named.
    public var clockDescription: String? {
        guard let clock = countedFrom else { return nil }
        if case .atOnce = limit {
            return "\(clock.rawValue): at once, so the target runs from receipt; the time from the decision to receipt is "
                + "the source system's, reported by sgw status"
        }
        return "\(clock.rawValue): \(clock.description)"
    }

    /// What sgw does when the duty named `name` falls due undone, in words (`profiles --verbose`, `deadline --explain`,
    /// docs/profiles.md); nil for a duty with no deadline. It says what `ClaimRules.due` does.
    public func outcome(of name: DutyName, approvalAuthority: String) -> String? {
        switch limit {
        case .unquantified, .period(.regular): return nil
        case .period: return "the report is due"
        case .atOnce, .workingDays: break
        }
        let party = name == .approvalClaim ? "the supervising department" : approvalAuthority
        switch name {
        case .approvalClaim, .supervisionClaim:
            return autoClaim ? "auto-claimed (视为自动认领), responsibility with \(party)"
                : "overdue, open until a late claim (recorded with how late), late: \(party)"
        case .approvalFeedback, .supervisionFeedback:
            return "the window closes; a question after it is recorded as outside the window"
        case .approvalPush, .supervisionPush, .supervisionChangeRequest, .creditPublish:
            return "a delivery still undelivered is overdue (counted in sgw status); delivered late, it is counted late"
        case .commitmentVerify:
            return "overdue, open until the approval (or a later version) carries the verification, then verified late; late: \(approvalAuthority)"
        case .reportPeriod:
            return "the report is due"
        }
    }

    /// The event a duty's clock starts at (`counted_from`): a closed set, so that a profile cannot name an event the
    /// planner does not know and silently count from the decision.
    public enum Clock: String, Sendable, Hashable, CaseIterable {
        /// The decision's date (审批决定, 处罚决定, 检查结果).
        case decision
        /// The date the handling information was made public (公布, 聊城 17.2); the decision's date when a message
        /// carries none.
        case publication
        /// The date a supervising department found the problem (发现问题, 石城 28): a change request's own date.
        case finding
        /// The date of the commitment (告知承诺, 周村 8.3); the decision's date when the commitment carries none.
        case commitment
        /// The push: counted from receipt at ingest and again from the platform's acknowledgement.
        case push
        /// The platform's (or a package receipt's) acknowledgement of the message.
        case acknowledgement

        /// Whether the clock runs from the push to the receiving side, so that it restarts at the acknowledgement.
        public var startsAtThePush: Bool { self == .push || self == .acknowledgement }

        /// The event in words, for `profiles --verbose` and `deadline --explain`.
        public var description: String {
            switch self {
            case .decision: "the decision's date"
            case .publication: "the publication (公布) of the handling information"
            case .finding: "the day the problem was found"
            case .commitment: "the commitment's date (告知承诺)"
            case .push: "the push, counted again from the platform's acknowledgement"
            case .acknowledgement: "the platform's acknowledgement of the message"
            }
        }
    }
}

/// How often a status report is due.
public enum ReportPeriod: String, Sendable, Hashable, Codable, CaseIterable {
    /// Every calendar month.
    case monthly
    /// Every calendar quarter.
    case quarterly
    /// "Regularly", with no fixed period in the rules.
    case regular
}
