import ArgumentParser
import Foundation
import SGWCore
import SGWPipeline
import SGWStore

/// `sgw messages [--kind K] [--adapter A] [--department D] [--counterparty ID] [--since T] [--limit N] [--json] [--unmasked]` and `sgw messages show ID [--unmasked]`.
struct MessagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "messages",
        abstract: "List stored messages, newest first.",
        subcommands: [List.self, Show.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List stored messages (JSON lines with --json).",
            discussion: """
                ID numbers and phone numbers are masked unless --unmasked is given (a line on standard error says \
                which). With --json, or when standard output is not a terminal, every message is listed unless \
                --limit is given; on a terminal the newest 100, and standard error says how many were left out. Each \
                record is listed in its current version; --all-versions lists the corrections' earlier versions too, \
                and 'sgw messages show ID' lists every version of the record.
                """)
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "approval, supervision, credit.licence or credit.penalty.") var kind: String?
        @Option(help: "Only messages from this adapter.") var adapter: String?
        @Option(help: "Only messages addressed to or sent by this department (its name as the messages give it).")
        var department: String?
        @Option(help: "Only messages about this counterparty (its USCC or ID number).") var counterparty: String?
        @Option(help: "Only messages received at or after this instant (ISO 8601 or YYYY-MM-DD).") var since: String?
        @Option(help: "At most this many (default: all with --json or off a terminal, else 100).") var limit: Int?
        @Flag(help: "Every version of each record (default: its current version only; older ones are corrections it replaced).")
        var allVersions = false
        @Flag(help: "One JSON line per message: the envelope and the canonical message.") var json = false
        @Flag(help: "Show ID numbers and phone numbers in full.") var unmasked = false

        func validate() throws {
            if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
        }

        func run() throws {
            let kindValue = try kind.map { k in
                guard let v = MessageKind(rawValue: k) else { throw ValidationError("unknown kind '\(k)' (\(MessageKind.allCases.map(\.rawValue).joined(separator: ", ")))") }
                return v
            }
            let sinceValue = try since.map { s in
                guard let d = ShanghaiTime.parseInstant(s) else { throw ValidationError("--since '\(s)' is not an instant or a date") }
                return d
            }
            // An export (JSON, or a pipe or file) is whole unless cut on purpose; a terminal gets a screenful.
            let cut = limit ?? (json || isatty(1) != 1 ? nil : 100)
            let filter = MessageFilter(kind: kindValue, adapter: adapter, department: department,
                                       counterparty: counterparty.map { Counterparty.identity(uscc: $0, idNumber: nil) ?? $0 },
                                       since: sinceValue, allVersions: allVersions)
            let most = cut ?? Int(Int64.max)
            MessagesCommand.sayMasking(unmasked)
            if unmasked {
                // Audited before anything is shown, so the count is read first; the listing then streams.
                let shown = min(most, try storeOptions.reading { try $0.messageCount(filter) })
                try storeOptions.auditUnmaskedView(of: "messages", "sgw messages: \(shown) listed")
            }
            var out = OutputBuffer()
            let listed = try storeOptions.reading { try $0.eachMessage(filter, limit: most) { m in
                if json {
                    let line = m.message.jsonBytes()
                    out.line(unmasked ? line : Masking.message(json: line))
                } else {
                    let e = m.message.envelope
                    out.line("\(e.id)\t\(e.kind.rawValue)\tv\(e.version)\t\(unmasked ? e.key : Masking.text(e.key))\t"
                             + "\(ShanghaiTime.format(e.receivedAt))\t\(e.provenance.location ?? "")")
                }
            } }
            out.flush()
            if let cut, listed == cut {
                let total = try storeOptions.reading { try $0.messageCount(filter) }
                if total > listed {
                    Console.error("messages: \(listed) of \(total) listed, \(total - listed) left out (--limit N lists more)")
                }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one message with its history; ID numbers and phones masked.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The message id.") var id: String
        @Flag(help: "Show ID numbers and phone numbers in full.") var unmasked = false

        func run() throws {
            guard let (stored, history) = try storeOptions.reading({ try $0.message(id: id) }) else {
                Console.error("error: no message \(id)")
                throw ExitCode(1)
            }
            MessagesCommand.sayMasking(unmasked)
            if unmasked { try storeOptions.auditUnmaskedView(of: "message \(id)", "sgw messages show") }
            func show(_ text: String) -> String { unmasked ? text : Masking.text(text) }
            let e = stored.message.envelope
            print("\(e.kind.rawValue) \(e.id) version \(e.version), profile \(e.profile)")
            print("key: \(show(e.key))")
            print("from: \(e.provenance.adapter), \(e.provenance.source) \(e.provenance.location ?? "")")
            print("received: \(ShanghaiTime.format(e.receivedAt)), hash \(e.contentHash)")
            // Masked by field on the compact JSON, then decoded again to be printed indented; should that fail, the
            // masked compact JSON is printed as it is, never the unmasked message.
            let masked = Masking.message(json: stored.message.jsonBytes())
            let message = unmasked ? stored.message : try? SGWJSON.decoder.decode(CanonicalMessage.self, from: Data(masked))
            let body = message.flatMap { try? SGWJSON.encoder(pretty: true).encode($0) }.map { String(decoding: $0, as: UTF8.self) }
                ?? String(decoding: masked, as: UTF8.self)
            print(show(body))
            let versions = try storeOptions.reading { try $0.versions(ofMessage: id) }
            if versions.count > 1 {
                print("versions of this record:")
                for v in versions {
                    let ve = v.message.envelope
                    print("  v\(ve.version)  \(ve.id)  received \(ShanghaiTime.format(ve.receivedAt)), \(ve.provenance.source) "
                          + "\(ve.provenance.location ?? "")" + (ve.id == e.id ? "  (this one)" : ""))
                }
            }
            print("history:")
            // History holds other parties' words too (a platform's answer, a dispute's reason): masked as well.
            for h in history { print("  \(ShanghaiTime.format(h.at))  \(h.event)  \(show(h.detail))") }
        }
    }

    /// The line on standard error that says whether personal data is shown.
    static func sayMasking(_ unmasked: Bool) {
        Console.error(unmasked ? "messages: ID numbers and phone numbers shown in full (--unmasked)"
                               : "messages: ID numbers and phone numbers masked (--unmasked shows them)")
    }
}
