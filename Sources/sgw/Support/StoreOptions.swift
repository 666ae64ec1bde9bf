import ArgumentParser
import SGWStore

/// Where the store lives.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The data folder holding sgw.sqlite. Default: $SGW_DATA or ./data.", valueName: "dir"))
    var data: String?

    var folder: String { data ?? Environment.value("SGW_DATA") ?? "data" }

    /// The store, opened and migrated.
    func open() throws -> SQLiteStore {
        do {
            return try SQLiteStore(dataFolder: folder)
        } catch {
            Console.error("error: cannot open the store in \(folder): \(error)")
            throw ExitCode(2)
        }
    }
}
