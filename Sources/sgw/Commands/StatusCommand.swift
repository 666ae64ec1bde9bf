import ArgumentParser
import Foundation
import SGWCore
import SGWStore

/// `sgw status [--json]`: what the store holds and what falls due.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Messages by kind, deliveries by destination and state, deadlines due today and overdue, the last import's rejections.")

    @OptionGroup var storeOptions: StoreOptions
    @Flag(help: "One JSON object.") var json = false

    func run() throws {
        let s = try storeOptions.open().status(now: .now)
        if json {
            var object: [String: Any] = [
                "messages": s.messagesByKind,
                "deliveries": s.deliveries.map { ["destination": $0.destination, "state": $0.state, "count": $0.count] },
                "dueToday": s.dueToday, "overdue": s.overdue,
                "lastImportRejections": Dictionary(uniqueKeysWithValues: s.lastRejections.map { ($0.code, $0.count) }),
            ]
            if let last = s.lastImport {
                object["lastImport"] = ["file": last.file, "rows": last.rows, "accepted": last.accepted, "duplicates": last.duplicates,
                                        "updated": last.updated, "rejected": last.rejected, "finished": last.finishedAt != nil]
            }
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        print("messages: " + (s.messagesByKind.isEmpty ? "none" : s.messagesByKind.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))
        print("deliveries:")
        for d in s.deliveries { print("  \(d.destination)\t\(d.state)\t\(d.count)") }
        print("deadlines: due today \(s.dueToday), overdue \(s.overdue)")
        if let last = s.lastImport {
            print("last import: \(last.file): rows \(last.rows), accepted \(last.accepted), duplicates \(last.duplicates), updated \(last.updated), rejected \(last.rejected)"
                  + (last.finishedAt == nil ? " (not finished)" : ""))
            for r in s.lastRejections { print("  rejected \(r.code): \(r.count)") }
        }
    }
}
