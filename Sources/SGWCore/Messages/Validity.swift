/// A period of validity (有效期): from a day, to a day or open-ended (长期, sent as 2099-12-31 to the credit platform).
public struct Validity: Sendable, Hashable, Codable {
    /// The date the credit platform uses for "no end" (长期).
    public static let openEndedDate = LocalDate(year: 2099, month: 12, day: 31)!

    /// The first valid day.
    public var from: LocalDate
    /// The last valid day; nil when open-ended.
    public var to: LocalDate?

    /// A validity; `to` of 2099-12-31 is read as open-ended.
    public init(from: LocalDate, to: LocalDate?) {
        self.from = from
        self.to = to == Self.openEndedDate ? nil : to
    }

    /// Whether the validity has no end.
    public var isOpenEnded: Bool { to == nil }

    /// The last day as the credit platform writes it: 2099-12-31 for open-ended.
    public var toForCredit: LocalDate { to ?? Self.openEndedDate }

    func rejections(field: String) -> [Rejection] {
        guard let to, to < from else { return [] }
        return [Rejection(code: .dateOrder, field: "\(field).to", message: "有效期至 \(to) is before 有效期自 \(from)")]
    }
}
