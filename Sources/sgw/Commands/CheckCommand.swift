import ArgumentParser
import SGWCore
import Foundation
import SGWMapping
import SGWPipeline
import SGWServer
import SGWSources

/// `sgw check [DIR]`: checks every adapter and mapping.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check gateway.yaml and every adapter, mapping and destination; print each problem as FILE:LINE: message.",
        discussion: "A file adapter's inbox (file.inbox, relative to DIR) must be a folder that exists. Exit 0 when there is no problem, 1 otherwise.")

    @OptionGroup var rules: RulesOptions
    @Argument(help: "The folder holding adapters/, mappings/ and destinations/ (default: $SGW_CONFIG or the current folder).")
    var directory: String?

    /// The webhook and polling settings as `sgw serve` reads them. A secret's variable that is not set here is noted,
    /// not counted: the service's environment is often not the operator's shell.
    func sourceProblems(_ ws: Workspace) -> [ConfigProblem] {
        var environment = ProcessInfo.processInfo.environment
        var problems: [ConfigProblem] = []
        for adapter in ws.adapters.values.sorted(by: { $0.file < $1.file }) where adapter.kind != .file {
            for value in adapter.settings.values {
                for match in value.matches(of: /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/) where environment[String(match.1)] == nil {
                    Console.error("note: \(adapter.file): ${env:\(match.1)} is not set here; 'sgw serve' needs it")
                    environment[String(match.1)] = "whsec_" + Data("placeholder".utf8).base64EncodedString()
                }
            }
            do {
                if adapter.kind == .webhook { _ = try WebhookSettings(adapter: adapter, environment: environment) }
                if adapter.kind == .httpPoll { _ = try PollSettings(adapter: adapter, environment: environment) }
            } catch {
                let text = "\(error)"
                problems.append(.invalidValue(text.hasPrefix(adapter.file + ": ") ? String(text.dropFirst(adapter.file.count + 2)) : text,
                                              file: adapter.file))
            }
        }
        return problems
    }

    func run() throws {
        let profiles = try rules.loadProfiles()
        let folder = directory ?? Environment.value("SGW_CONFIG") ?? "."
        let ws = Workspace.load(directory: folder, profiles: Set(profiles.profiles.keys))
        // Destinations: secrets are resolved from this environment, so a missing variable shows here too.
        let (destinations, destinationProblems) = DestinationSpec.loadAll(
            folder: (folder as NSString).appendingPathComponent("destinations"), dataFolder: Environment.value("SGW_DATA") ?? "data")
        // A file adapter's inbox must be there to be read: relative to this folder, as `sgw import` takes it.
        let inboxProblems = ws.adapters.values.sorted { $0.file < $1.file }.compactMap { FileInbox.problem(for: $0, base: folder) }
        let (_, gatewayProblems) = GatewayConfiguration.load(folder: folder)
        let problems = ws.problems + inboxProblems + sourceProblems(ws) + destinationProblems + gatewayProblems
        for p in problems { print(p.description) }
        let summary = "checked \(ws.fileCount) files (\(ws.adapters.count) adapters, \(ws.mappings.count) mappings) and "
            + "\(destinations.count) destinations: " + (problems.isEmpty ? "no problems" : "\(problems.count) problem(s)")
        Console.error(summary)
        if !problems.isEmpty { throw ExitCode(1) }
    }
}
