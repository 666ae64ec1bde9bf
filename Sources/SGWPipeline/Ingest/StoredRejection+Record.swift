public import SGWCore
public import SGWMapping
public import SGWStore

extension StoredRejection {
    /// A mapped record's rejection as the store keeps it (the file it came from is the import's).
    public init(_ r: RecordRejection) {
        self.init(location: r.location, row: r.row, field: r.field, code: Rejection.Code(rawValue: r.code), message: r.message)
    }
}
