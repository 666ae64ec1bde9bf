import ArgumentParser
import Foundation
import SGWCore
import SGWStore

/// `sgw messages [--kind K] [--adapter A] [--since T] [--json]` and `sgw messages show ID`.
struct MessagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "messages",
        abstract: "List stored messages, newest first.",
        subcommands: [List.self, Show.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List stored messages (JSON lines with --json).")
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "approval, supervision, credit.licence or credit.penalty.") var kind: String?
        @Option(help: "Only messages from this adapter.") var adapter: String?
        @Option(help: "Only messages received at or after this instant (ISO 8601 or YYYY-MM-DD).") var since: String?
        @Option(help: "At most this many.") var limit = 100
        @Flag(help: "One JSON line per message: the envelope and the canonical message.") var json = false

        func run() throws {
            let kindValue = try kind.map { k in
                guard let v = MessageKind(rawValue: k) else { throw ValidationError("unknown kind '\(k)' (\(MessageKind.allCases.map(\.rawValue).joined(separator: ", ")))") }
                return v
            }
            let sinceValue = try since.map { s in
                guard let d = ShanghaiTime.parseInstant(s) else { throw ValidationError("--since '\(s)' is not an instant or a date") }
                return d
            }
            let rows = try storeOptions.open().messages(kind: kindValue, adapter: adapter, since: sinceValue, limit: limit)
            var out = OutputBuffer()
            for m in rows {
                if json {
                    out.line(m.message.jsonBytes())
                } else {
                    let e = m.message.envelope
                    out.line("\(e.id)\t\(e.kind.rawValue)\tv\(e.version)\t\(e.key)\t\(ShanghaiTime.format(e.receivedAt))\t\(e.provenance.location ?? "")")
                }
            }
            out.flush()
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one message with its history; ID numbers masked.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The message id.") var id: String

        func run() throws {
            guard let (stored, history) = try storeOptions.open().message(id: id) else {
                Console.error("error: no message \(id)")
                throw ExitCode(1)
            }
            let e = stored.message.envelope
            print("\(e.kind.rawValue) \(e.id) version \(e.version), profile \(e.profile)")
            print("key: \(e.key)")
            print("from: \(e.provenance.adapter), \(e.provenance.source) \(e.provenance.location ?? "")")
            print("received: \(ShanghaiTime.format(e.receivedAt)), hash \(e.contentHash)")
            let body = String(decoding: (try? SGWJSON.encoder(pretty: true).encode(stored.message)) ?? Data(), as: UTF8.self)
            print(Masking.text(body))
            print("history:")
            // History holds other parties' words too (a platform's answer, a dispute's reason): masked as well.
            for h in history { print("  \(ShanghaiTime.format(h.at))  \(h.event)  \(Masking.text(h.detail))") }
        }
    }
}
