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
        discussion: "Exit 0 when there is none, 1 otherwise.")

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
        let problems = ws.problems + destinationProblems
        for p in problems { print(p.description) }
        let summary = "checked \(ws.fileCount) files (\(ws.adapters.count) adapters, \(ws.mappings.count) mappings) and "
            + "\(destinations.count) destinations: " + (problems.isEmpty ? "no problems" : "\(problems.count) problem(s)")
        Console.error(summary)
        if !problems.isEmpty { throw ExitCode(1) }
    }
}
