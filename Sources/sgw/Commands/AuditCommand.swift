import ArgumentParser
import Foundation
import SGWCore
import SGWStore

/// `sgw audit [--limit N] [--before ID]`: the audit log, newest first.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Show the audit log: who replayed, changed tokens, reloaded, generated reports or viewed data unmasked.",
        discussion: """
            One line per entry, newest first: number, time (Shanghai), actor (a token's name, or cli:USER for this \
            command line), role, action, target, details. The log is append-only in the store. Entries past --limit \
            are said to be left out; --before NUMBER pages back.
            """)
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "At most this many entries.") var limit = 100
    @Option(help: "Only entries older than this entry number (to page back).") var before: Int64?

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be 1 or more") }
    }

    func run() throws {
        // One more than asked, to tell whether any were left out.
        let entries = try storeOptions.reading { try $0.auditLog(before: before, limit: limit + 1) }
        if entries.isEmpty { Console.error("the audit log is empty" + (before.map { " before entry \($0)" } ?? "")) }
        for e in entries.prefix(limit) {
            print([String(e.id ?? 0), ShanghaiTime.format(e.at), e.actor, e.role.rawValue, e.action.rawValue, e.target,
                   Masking.text(e.detail)].joined(separator: "\t"))
        }
        if entries.count > limit, let last = entries.prefix(limit).last?.id {
            Console.error("audit: \(limit) entries shown, older ones left out (--before \(last) shows them)")
        }
    }
}
