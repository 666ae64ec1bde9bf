import ArgumentParser
import SGWCore
import Foundation
import SGWMapping
import SGWPipeline

/// `sgw check [DIR]`: checks every adapter and mapping.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check every adapter, mapping and destination; print each problem as FILE:LINE: message.",
        discussion: "A file adapter's inbox (file.inbox, relative to DIR) must be a folder that exists. Exit 0 when there is no problem, 1 otherwise.")

    @OptionGroup var rules: RulesOptions
    @Argument(help: "The folder holding adapters/, mappings/ and destinations/ (default: $SGW_CONFIG or the current folder).")
    var directory: String?

    func run() throws {
        let profiles = try rules.loadProfiles()
        let folder = directory ?? Environment.value("SGW_CONFIG") ?? "."
        let ws = Workspace.load(directory: folder, profiles: Set(profiles.profiles.keys))
        // Destinations: secrets are resolved from this environment, so a missing variable shows here too.
        let (destinations, destinationProblems) = DestinationSpec.loadAll(
            folder: (folder as NSString).appendingPathComponent("destinations"), dataFolder: Environment.value("SGW_DATA") ?? "data")
        // A file adapter's inbox must be there to be read: relative to this folder, as `sgw import` takes it.
        let inboxProblems = ws.adapters.values.sorted { $0.file < $1.file }.compactMap { Inbox.problem(for: $0, base: folder) }
        let problems = ws.problems + inboxProblems + destinationProblems
        for p in problems { print(p.description) }
        let summary = "checked \(ws.fileCount) files (\(ws.adapters.count) adapters, \(ws.mappings.count) mappings) and "
            + "\(destinations.count) destinations: " + (problems.isEmpty ? "no problems" : "\(problems.count) problem(s)")
        Console.error(summary)
        if !problems.isEmpty { throw ExitCode(1) }
    }
}
