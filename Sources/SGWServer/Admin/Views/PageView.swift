/// One page of a listing: its items, how many the whole selection holds, and where the page starts, so that a
/// reader always sees what was left out (`offset + items.count < total`).
public struct PageView<Item: Encodable & Sendable>: Encodable, Sendable {
    /// The items.
    public var items: [Item]
    /// How many the selection holds, without the limit.
    public var total: Int
    /// The limit and offset asked for.
    public var limit: Int, offset: Int

    /// A page.
    public init(items: [Item], total: Int, limit: Int, offset: Int) {
        self.items = items
        self.total = total
        self.limit = limit
        self.offset = offset
    }
}
