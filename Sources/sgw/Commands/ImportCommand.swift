import ArgumentParser
import Foundation
import SGWCore
import SGWSources
import SGWMapping
import SGWPipeline
import SGWStore

/// `sgw import --adapter NAME [FILE…]`: files into the store, with their deliveries planned.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import files through an adapter into the store, planning every delivery and deadline.",
        discussion: """
            With no FILE, imports the files in the adapter's inbox that match its pattern. Prints a summary per file: \
            FILE: rows N, accepted A (M messages), duplicates D, updated U (M messages), rejected R, and skipped S \
            when a record matched no message of the mapping. Each count is of records, so that they add up to the \
            rows; the messages written for them (a record often gives an approval and its 双公示 record) are in \
            brackets. Importing the same file again gives duplicates only. Exit 0 \
            when every file was read to its end, whatever was rejected.
            """)

    @OptionGroup var rules: RulesOptions
    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "The adapter (adapters/NAME.yaml).") var adapter: String
    @Argument(help: "Files to import (default: the adapter's inbox).") var files: [String] = []

    func run() throws {
        let calendar = try rules.loadCalendar()
        let profiles = try rules.loadProfiles()
        let ws = try workspace.load(profiles: profiles)
        let (spec, mapper): (AdapterSpec, Mapper)
        do { (spec, mapper) = try ws.mapper(adapter: adapter) } catch { throw ValidationError(error.description) }
        var inbox: FileInbox?
        var paths = files
        if files.isEmpty {
            guard spec.kind == .file else {
                throw ValidationError("adapter '\(spec.name)' is \(spec.kind.rawValue): give the files to import")
            }
            let box = FileInbox(settings: spec.settings, base: workspace.directory)
            let (ready, waiting) = box.scan()
            for w in waiting { Console.error("\(w): not complete yet (\(box.readyMarker.map { "no \($0) marker" } ?? "changed in the last \(Int(box.quietSeconds)) s")); left for the next run") }
            paths = ready
            inbox = box
        }
        if paths.isEmpty { Console.error("\(adapter): nothing to import") }
        let importer = Importer(store: try storeOptions.open(),
                                // An import needs the package routes only, not the platforms' credentials.
                                planner: DeliveryPlanner(calculator: DeadlineCalculator(calendar: calendar, profiles: profiles),
                                                         destinations: try workspace.destinations(dataFolder: storeOptions.folder,
                                                                                                  resolveSecrets: false)))
        let terminal = isatty(2) == 1
        var failed = false
        for path in paths {
            do {
                var lastPlain = Date()
                let rejectsFolder = (storeOptions.folder as NSString).appendingPathComponent("rejects")
                let (r, rejects, before) = try importer.importFile(adapter: spec, mapper: mapper, path: path,
                                                                   rejectsFolder: rejectsFolder) { p in
                    let rate = p.elapsed > 0 ? Int(Double(p.rows) / p.elapsed) : 0
                    let share = p.fraction.map { " \(Int($0 * 100))%," } ?? ""
                    let eta = p.remaining.map { ", ETA \(Self.clock($0))" } ?? ""
                    let line = "\(path):\(share) \(p.rows) rows, \(rate) rows/s\(eta)"
                    if terminal {
                        FileHandle.standardError.write(Data("\r\(line)\u{1B}[K".utf8))
                    } else if Date().timeIntervalSince(lastPlain) >= 10 {
                        lastPlain = Date()  // plain lines for logs: one every 10 seconds
                        Console.error(line)
                    }
                }
                if terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
                print("\(path): \(r.summary)")
                if let before, let finished = before.finishedAt {
                    Console.error("\(path): the same file (SHA-256 \(before.sha256.prefix(12))…) was imported before, on "
                                  + "\(ShanghaiTime.format(finished)) (import \(before.id))")
                    if r.rejected > 0 { Console.error("\(path): no new rejects file: " + Self.firstRejects(of: before, in: rejectsFolder, inbox: inbox)) }
                }
                if let inbox {
                    // Only after the import's last commit, which the store has synced: a crash before this line
                    // leaves the file in the inbox, and the next run finds its records as duplicates.
                    let archived = try inbox.archive(path, record: r, rejects: rejects)
                    Console.error("\(path): archived as \(archived)" + (rejects != nil ? ", rejected rows in \(archived).rejects.csv" : ""))
                } else if let rejects {
                    Console.error("\(path): rejected rows in \(rejects)")
                }
            } catch {
                failed = true
                Console.error("\(path): error: \(error)")
            }
        }
        if failed { throw ExitCode(1) }
    }

    /// Where the rejected rows of an earlier import of the same file are: its rejects file in the rejects folder, or
    /// the one archived beside the file in the inbox's archive.
    static func firstRejects(of before: ImportRecord, in rejectsFolder: String, inbox: FileInbox?) -> String {
        let inFolder = Importer.rejectsPath(folder: rejectsFolder, importID: before.id, file: before.file)
        if FileManager.default.fileExists(atPath: inFolder) { return "the rejected rows are in \(inFolder)" }
        if let archived = inbox?.archivedRejects(importID: before.id) { return "the rejected rows are in \(archived)" }
        return "the rejected rows are those of import \(before.id) (its rejects file was \(inFolder), "
            + "or beside the file in the inbox's archive; it has been moved since)"
    }

    /// `m:ss` or `h:mm:ss`.
    static func clock(_ seconds: TimeInterval) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
