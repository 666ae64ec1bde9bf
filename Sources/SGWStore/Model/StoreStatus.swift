/// Counts for `sgw status`.
public struct StoreStatus: Sendable {
    /// Messages by kind.
    public var messagesByKind: [String: Int]
    /// Deliveries by destination and state.
    public var deliveries: [(destination: String, state: String, count: Int)]
    /// Deadlines (deliveries and others) due today in Asia/Shanghai, not yet done.
    public var dueToday: Int
    /// Deadlines passed and not done.
    public var overdue: Int
    /// The last import, with its rejections.
    public var lastImport: ImportRecord?
    /// Rejections of the last import, by code.
    public var lastRejections: [(code: String, count: Int)]
    /// For a last import that did not finish (it failed, or is under way): the messages it stored so far, whose
    /// counts its record does not hold yet.
    public var lastImportStored: Int? = nil
}
