import ArgumentParser
import SGWCore
import SGWMapping

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
