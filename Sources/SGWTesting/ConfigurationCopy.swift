import Foundation
import SGWMapping

/// The repository's adapters, mappings and destinations copied into a folder of a test's own (`Workspace.copy`),
/// so that a gateway under test never archives the shipped samples.
public struct ConfigurationCopy: Sendable {
    /// The configuration folder.
    public let path: String

    /// Copies into `folder/config`; `adapters` adds or replaces adapter files (name → YAML), `without` leaves some out.
    public init(in folder: String, adapters: [String: String] = [:], without: Set<String> = []) throws {
        path = folder + "/config"
        try Workspace.copy(from: Repository.root, to: path, adapters: adapters, without: without)
    }
}
