import ArgumentParser
import SGWCore
import SGWMapping

/// `sgw check [DIR]`: checks every adapter and mapping.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check every adapter and mapping; print each problem as FILE:LINE: message.",
        discussion: "Exit 0 when there is none, 1 otherwise.")

    @OptionGroup var rules: RulesOptions
    @Argument(help: "The folder holding adapters/ and mappings/ (default: $SGW_CONFIG or the current folder).")
    var directory: String?

    func run() throws {
        let profiles = try rules.loadProfiles()
        let ws = Workspace.load(directory: directory ?? Environment.value("SGW_CONFIG") ?? ".", profiles: Set(profiles.profiles.keys))
        for p in ws.problems { print(p.description) }
        let summary = "checked \(ws.fileCount) files (\(ws.adapters.count) adapters, \(ws.mappings.count) mappings): "
            + (ws.problems.isEmpty ? "no problems" : "\(ws.problems.count) problem(s)")
        Console.error(summary)
        if !ws.problems.isEmpty { throw ExitCode(1) }
    }
}
