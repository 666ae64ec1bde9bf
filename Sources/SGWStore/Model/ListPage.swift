/// One page of a listing and how many the whole selection holds, read in one transaction so that they agree.
public struct ListPage<Item> {
    /// The page's items.
    public var items: [Item]
    /// How many the selection holds, without the limit.
    public var total: Int

    /// A page.
    public init(items: [Item], total: Int) {
        self.items = items
        self.total = total
    }

    /// The page with each item transformed.
    public func map<T>(_ transform: (Item) throws -> T) rethrows -> ListPage<T> {
        ListPage<T>(items: try items.map(transform), total: total)
    }
}

extension ListPage: Sendable where Item: Sendable {}
