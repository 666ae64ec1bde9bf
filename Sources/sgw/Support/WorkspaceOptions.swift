import ArgumentParser
import SGWCore
import SGWMapping
import SGWPipeline
import Foundation

/// Where the operator's adapters and mappings are.
struct WorkspaceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The folder holding adapters/ and mappings/. Default: $SGW_CONFIG or the current folder.",
                                            valueName: "dir"))
    var config: String?

    var directory: String { config ?? Environment.value("SGW_CONFIG") ?? "." }

    /// The workspace, or exit 2 after printing its problems.
    func load(profiles: ProfileCatalog, requireClean: Bool = false) throws -> Workspace {
        let ws = Workspace.load(directory: directory, profiles: Set(profiles.profiles.keys))
        if requireClean, !ws.problems.isEmpty { throw Console.configFailure(ConfigProblems(ws.problems)) }
        return ws
    }
}

extension WorkspaceOptions {
    /// The destinations in destinations/*.yaml (package folders relative to `dataFolder`), or exit 2 on problems.
    func destinations(dataFolder: String, resolveSecrets: Bool = true) throws -> [DestinationSpec] {
        let folder = (directory as NSString).appendingPathComponent("destinations")
        let (specs, problems) = DestinationSpec.loadAll(folder: folder, dataFolder: dataFolder, resolveSecrets: resolveSecrets)
        if !problems.isEmpty { throw Console.configFailure(ConfigProblems(problems)) }
        return specs
    }
}
