/// The rules document a jurisdiction profile comes from, and when it is in force.
public struct SourceDocument: Sendable, Hashable, Codable {
    /// The document's title.
    public var title: String
    /// The issuing notice's number (文号), when the document prints one.
    public var number: String?
    /// The issuing office.
    public var issuedBy: String?
    /// The date of issue.
    public var date: LocalDate
    /// The first day in force.
    public var validFrom: LocalDate
    /// The last day in force, when the document sets one.
    public var validTo: LocalDate?
    /// 试行 or 暂行 rules.
    public var trial: Bool
    /// The seed file the profile was read from.
    public var seed: String?

    /// A document.
    public init(title: String, number: String? = nil, issuedBy: String? = nil, date: LocalDate,
                validFrom: LocalDate, validTo: LocalDate? = nil, trial: Bool = false, seed: String? = nil) {
        self.title = title
        self.number = number
        self.issuedBy = issuedBy
        self.date = date
        self.validFrom = validFrom
        self.validTo = validTo
        self.trial = trial
        self.seed = seed
    }

    /// Whether the document is in force on `date`.
    public func isInForce(on day: LocalDate) -> Bool {
        day >= validFrom && (validTo.map { day <= $0 } ?? true)
    }

    /// A warning when the document is not in force on `day`, nil when it is.
    public func validityWarning(on day: LocalDate) -> String? {
        if day < validFrom { return "the rules take effect only on \(validFrom)" }
        if let end = validTo, day > end { return "the rules expired on \(end)" }
        return nil
    }

    enum CodingKeys: String, CodingKey {
        case title, number, date, trial, seed
        case issuedBy = "issued_by", validFrom = "valid_from", validTo = "valid_to"
    }
}
