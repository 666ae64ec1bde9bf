/// Which page of a listing is asked for: `limit` (1 to 500, 50 unless given) items from `offset`.
public struct PageRequest: Sendable, Hashable {
    /// The most a page holds.
    public static let maximumLimit = 500
    /// Items in a page when none is asked for.
    public static let defaultLimit = 50

    public var limit: Int
    public var offset: Int

    /// A page; throws `bad-request` for a limit or offset out of range.
    public init(limit: Int? = nil, offset: Int? = nil) throws {
        self.limit = limit ?? Self.defaultLimit
        self.offset = offset ?? 0
        guard (1...Self.maximumLimit).contains(self.limit) else {
            throw AdminError.badRequest("limit must be between 1 and \(Self.maximumLimit)")
        }
        guard self.offset >= 0 else { throw AdminError.badRequest("offset must not be negative") }
    }

    /// The first page of the default size: its values are in range, so it needs no check.
    public static let first = PageRequest(checked: defaultLimit, 0)

    private init(checked limit: Int, _ offset: Int) {
        self.limit = limit
        self.offset = offset
    }
}
