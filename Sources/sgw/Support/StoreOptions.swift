import ArgumentParser
import Foundation
import SGWStore

/// Where the store lives.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The data folder holding sgw.sqlite. Default: $SGW_DATA or ./data.", valueName: "dir"))
    var data: String?

    var folder: String { data ?? Environment.value("SGW_DATA") ?? "data" }

    /// The exit code of a store that cannot be opened or read (damaged, locked, a newer schema, no permission): 3,
    /// apart from 2 (an operator's calendar or profile file) and 1 (invalid input).
    static let storeFailure = ExitCode(3)

    /// The store, opened and migrated.
    func open() throws -> SQLiteStore {
        do {
            return try SQLiteStore(dataFolder: folder)
        } catch {
            Console.error("error: cannot open the store in \(folder): \(error)")
            throw Self.storeFailure
        }
    }

    /// `body`'s result; a store error on the way is reported as one and exits 3. For commands that only read the
    /// store (`sgw messages`, `sgw status`): whatever fails there is the store.
    func reading<T>(_ body: (SQLiteStore) throws -> T) throws -> T {
        let store = try open()
        do {
            return try body(store)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Console.error("error: reading the store in \(folder) failed: \(error)")
            throw Self.storeFailure
        }
    }

    /// Records in the audit log that `target` was shown unmasked at this command line (actor `cli:$USER`).
    func auditUnmaskedView(of target: String, _ detail: String) throws {
        let actor = Principal.commandLine(user: Environment.value("USER") ?? "operator")
        try reading { try $0.audit(AuditEntry(at: .now, actor: actor.name, role: actor.role, action: .unmaskedView,
                                              target: target, detail: detail)) }
    }
}
