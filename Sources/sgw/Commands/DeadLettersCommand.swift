import ArgumentParser
import Foundation
import SGWCore
import SGWStore

/// `sgw deadletters list|show ID|replay ID…|replay --all`: deliveries parked after a permanent failure.
struct DeadLettersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deadletters",
        abstract: "List, show and replay deliveries parked after a permanent failure.",
        subcommands: [List.self, Show.self, Replay.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One line per dead letter: delivery id, destination, message, attempts, time, code, reason.")
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "At most this many.") var limit = 100

        func run() throws {
            let letters = try storeOptions.open().deadLetters(limit: limit)
            if letters.isEmpty { Console.error("no dead letters") }
            for l in letters {
                print([String(l.deliveryID), l.destination, "\(l.kind) \(l.key)", l.messageID.rawValue, "attempts \(l.attempts)",
                       ShanghaiTime.format(l.at), l.code, Masking.text(l.reason)].joined(separator: "\t"))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A dead letter with the request sent and the answer received.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The delivery id (first column of list).") var id: Int64
        @Flag(help: "Show ID and phone numbers unmasked (for an authorized operator).") var unmasked = false

        func run() throws {
            guard let l = try storeOptions.open().deadLetter(deliveryID: id) else {
                Console.error("no dead letter \(id)")
                throw ExitCode(1)
            }
            if unmasked { try storeOptions.auditUnmaskedView(of: "delivery \(id)", "sgw deadletters show") }
            func show(_ text: String) -> String { unmasked ? text : Masking.text(text) }
            print("delivery \(l.deliveryID) to \(l.destination): \(l.kind) \(l.key) (message \(l.messageID))")
            print("parked \(ShanghaiTime.format(l.at)) after \(l.attempts) attempt(s): \(l.code): \(show(l.reason))")
            let held = l.code == DeliveryProblem.incompleteRecordCode
            print("request:\n\(show(l.request ?? (held ? "(never sent: the record is incomplete)" : "(not kept)")))")
            print("response:\n\(show(l.response ?? "(none)"))")
            for (i, r) in l.replayed.enumerated() {
                print("\nearlier dead letter \(i + 1) of \(l.replayed.count): parked \(ShanghaiTime.format(r.parkedAt)), "
                      + "replayed \(ShanghaiTime.format(r.replayedAt)) by \(r.replayedBy): \(r.code): \(show(r.reason))")
                print("request:\n\(show(r.request ?? "(not kept)"))")
                print("response:\n\(show(r.response ?? "(none)"))")
            }
        }
    }

    struct Replay: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make dead letters due again after the cause was fixed; sgw deliver then sends them.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "Delivery ids.") var ids: [Int64] = []
        @Flag(help: "Every dead letter.") var all = false
        @Option(help: "Who replays (for the history). Default: $USER.") var by: String?

        func validate() throws {
            if all == !ids.isEmpty { throw ValidationError("give delivery ids or --all") }
        }

        func run() throws {
            let who = Principal.commandLine(user: by ?? Environment.value("USER") ?? "operator")
            let store = try storeOptions.open()
            let n = try store.replay(deliveryIDs: all ? nil : ids, now: .now, by: who, machine: DeliveryStateMachine())
            print("replayed \(n) dead letter(s); run sgw deliver to send them")
            let held = try store.deadLetterCount(code: DeliveryProblem.incompleteRecordCode)
            if all, held > 0 {
                Console.error("\(held) incomplete record(s) (code \(DeliveryProblem.incompleteRecordCode)) not replayed: the platform "
                              + "would refuse them as they are; import a corrected record (docs/operations.md)")
            }
            if !all, n < ids.count {
                Console.error("\(ids.count - n) id(s) were not dead letters, or are incomplete records (code "
                              + "\(DeliveryProblem.incompleteRecordCode)), which are not replayed: import a corrected record")
                throw ExitCode(1)
            }
        }
    }
}
