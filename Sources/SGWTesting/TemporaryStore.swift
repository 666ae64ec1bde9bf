public import SGWStore

/// A SQLite store in a fresh temporary folder (`sgw.sqlite` in `dir.path`), for tests that need a real one.
public struct TemporaryStore: Sendable {
    /// The folder holding the store's files, and anything else the test writes.
    public let dir: TemporaryDirectory
    /// The store.
    public let store: SQLiteStore

    /// The folder of the store's files: `dir.path`, or its subfolder `dataFolder`.
    public let dataPath: String

    /// Creates the folder and opens a new store in it (or in its subfolder `dataFolder`, for a test that lays out
    /// a configuration beside it).
    public init(prefix: String = "sgw-store", dataFolder: String? = nil) throws {
        let dir = try TemporaryDirectory(prefix: prefix)
        let dataPath = dataFolder.map { dir.path + "/" + $0 } ?? dir.path
        (self.dir, self.dataPath) = (dir, dataPath)
        store = try SQLiteStore(dataFolder: dataPath)
    }

    /// The database file's path.
    public var databasePath: String { dataPath + "/sgw.sqlite" }

    /// Removes the folder and the store's files.
    public func remove() { dir.remove() }
}
