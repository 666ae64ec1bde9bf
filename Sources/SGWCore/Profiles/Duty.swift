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
    /// The event that starts the clock: decision, push, publication, commitment, discovery.
    public var countedFrom: String?
    /// An explanation where the source needs one.
    public var note: String?

    /// A duty.
    public init(limit: Limit, autoClaim: Bool = false, article: String, quote: String? = nil,
                countedFrom: String? = nil, note: String? = nil) {
        self.limit = limit
        self.autoClaim = autoClaim
        self.article = article
        self.quote = quote
        self.countedFrom = countedFrom
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

/// How often a status report is due.
public enum ReportPeriod: String, Sendable, Hashable, Codable, CaseIterable {
    /// Every calendar month.
    case monthly
    /// Every calendar quarter.
    case quarterly
    /// "Regularly", with no fixed period in the rules.
    case regular
}
