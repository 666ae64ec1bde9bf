import ArgumentParser
import Foundation
import SGWCore
import SGWStore

/// `sgw tokens add NAME --role R [--department D]…`, `sgw tokens list`, `sgw tokens revoke NAME`: the tokens the admin
/// API and the console accept (docs/operations.md, "Roles and tokens").
struct TokensCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "Add, list and revoke the tokens of the admin API and the console.",
        subcommands: [Add.self, List.self, Revoke.self],
        defaultSubcommand: List.self)

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a token and print its secret, once.",
            discussion: """
                Roles: admin (everything, tokens included; personal data unmasked), operator (every message, masked; \
                replays and reports), department (only the messages addressed to or sent by its departments, masked; \
                read only), auditor (every message unmasked, each view logged; the audit log; read only). The secret \
                is printed once on standard output; the store keeps only its SHA-256. Names are never reused.
                """)
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The token's name: who holds it (e.g. 市场监管局-张三). The audit log names actors by it.") var name: String
        @Option(help: "admin, operator, department or auditor.") var role: String
        @Option(help: "For a department token: a department it speaks for, as messages name it (repeat for several).")
        var department: [String] = []
        @Option(help: "Who adds it (for the audit log). Default: $USER.") var by: String?

        func run() throws {
            guard let roleValue = Role(rawValue: role) else {
                throw ValidationError("unknown role '\(role)' (\(Role.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            let actor = Principal.commandLine(user: by ?? Environment.value("USER") ?? "operator")
            let secret = TokenSecret.generate()
            let token = APIToken(name: name, role: roleValue, departments: department, createdAt: .now, createdBy: actor.name)
            let store = try storeOptions.open()
            do {
                try store.addToken(token, secretHash: TokenSecret.hash(secret), by: actor)
            } catch let error as AccessError {
                Console.error("error: \(error.message)")
                throw ExitCode(1)
            }
            Console.error("token '\(name)' added, role \(roleValue.rawValue); its secret follows, shown this once:")
            print(secret)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One line per token: name, role, departments, added, revoked.")
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let tokens = try storeOptions.reading { try $0.tokens() }
            if tokens.isEmpty { Console.error("no tokens (sgw tokens add NAME --role admin adds one)") }
            for t in tokens {
                let revoked = t.revokedAt.map { "revoked \(ShanghaiTime.format($0)) by \(t.revokedBy ?? "?")" } ?? "valid"
                print([t.name, t.role.rawValue, t.departments.isEmpty ? "-" : t.departments.joined(separator: ","),
                       "added \(ShanghaiTime.format(t.createdAt)) by \(t.createdBy)", revoked].joined(separator: "\t"))
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token: its secret is refused from now on.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The token's name.") var name: String
        @Option(help: "Who revokes it (for the audit log). Default: $USER.") var by: String?

        func run() throws {
            let actor = Principal.commandLine(user: by ?? Environment.value("USER") ?? "operator")
            guard try storeOptions.open().revokeToken(name: name, by: actor, at: .now) else {
                Console.error("error: no valid token named '\(name)' (sgw tokens list shows them)")
                throw ExitCode(1)
            }
            Console.error("token '\(name)' revoked")
        }
    }
}
