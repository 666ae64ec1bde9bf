import Foundation

/// The repository's adapters, mappings and destinations copied into a folder of a test's own, with the file
/// adapters' inbox moved into it (`inbox/`), so that a gateway under test never archives the shipped samples.
public struct ConfigurationCopy: Sendable {
    /// The configuration folder.
    public let path: String

    /// Copies into `folder/config`; `adapters` adds or replaces adapter files (name → YAML), `without` leaves some out.
    public init(in folder: String, adapters: [String: String] = [:], without: Set<String> = []) throws {
        path = folder + "/config"
        let fm = FileManager.default
        for name in ["adapters", "mappings", "destinations"] {
            try fm.copyItem(atPath: Repository.root + "/" + name, toPath: path + "/" + name)
        }
        for name in try fm.contentsOfDirectory(atPath: path + "/adapters") {
            let file = path + "/adapters/" + name
            if without.contains(name) {
                try fm.removeItem(atPath: file)
                continue
            }
            let text = try String(contentsOfFile: file, encoding: .utf8).replacingOccurrences(of: "examples/inbox", with: "inbox")
            try text.write(toFile: file, atomically: true, encoding: .utf8)
        }
        try fm.createDirectory(atPath: path + "/inbox", withIntermediateDirectories: true)
        for (name, text) in adapters { try text.write(toFile: path + "/adapters/" + name, atomically: true, encoding: .utf8) }
    }
}
