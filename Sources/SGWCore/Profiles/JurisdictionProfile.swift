/// A jurisdiction's rules as sgw enforces them: which duties exist and how many working days each allows.
public struct JurisdictionProfile: Sendable, Hashable {
    /// The stable id: `zhoucun`, `qufu`, `shicheng`, `liaocheng`, `linzi`, or an operator's own.
    public var id: String
    /// The short Chinese name, e.g. 周村区.
    public var name: String
    /// The full region.
    public var region: String?
    /// The source document.
    public var document: SourceDocument
    /// The approval bureau (行政审批部门) the rules name: it receives supervision information and answers for a claim
    /// of it that is overdue or auto-claimed.
    public var approvalAuthority: String
    /// The duties the document sets.
    public var duties: [DutyName: Duty]
    /// Where the profile was loaded from (a bundled resource or an operator's file).
    public var origin: String

    /// A profile.
    public init(id: String, name: String, region: String? = nil, document: SourceDocument,
                approvalAuthority: String = "行政审批部门", duties: [DutyName: Duty], origin: String) {
        self.id = id
        self.name = name
        self.region = region
        self.document = document
        self.approvalAuthority = approvalAuthority
        self.duties = duties
        self.origin = origin
    }

    /// The duty, or nil when the rules set none.
    public func duty(_ name: DutyName) -> Duty? { duties[name] }

    /// The duty as it applies to a message of `kind` (for supervision information, its `Supervision.Kind`): nil when
    /// the rules set none, or set it only for other kinds of supervision information.
    public func duty(_ name: DutyName, supervisionKind kind: Supervision.Kind?) -> Duty? {
        guard let duty = duties[name] else { return nil }
        if let kinds = duty.appliesTo, let kind, !kinds.contains(kind) { return nil }
        return duty
    }
}
