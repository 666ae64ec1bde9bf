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
    /// The duties the document sets.
    public var duties: [DutyName: Duty]
    /// Where the profile was loaded from (a bundled resource or an operator's file).
    public var origin: String

    /// A profile.
    public init(id: String, name: String, region: String? = nil, document: SourceDocument,
                duties: [DutyName: Duty], origin: String) {
        self.id = id
        self.name = name
        self.region = region
        self.document = document
        self.duties = duties
        self.origin = origin
    }

    /// The duty, or nil when the rules set none.
    public func duty(_ name: DutyName) -> Duty? { duties[name] }
}
