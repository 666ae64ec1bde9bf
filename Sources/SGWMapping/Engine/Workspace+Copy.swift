public import Foundation

extension Workspace {
    /// Copies the configuration folder `source` (adapters/, mappings/, destinations/) into `target`, with the file
    /// adapters' inbox moved to `target/inbox` (created), so that a gateway run on the copy (`sgw demo`, a test) never
    /// archives files out of the original inbox. `adapters` adds or replaces adapter files (name → YAML); `without`
    /// leaves some out. Returns the inbox.
    @discardableResult
    public static func copy(from source: String, to target: String, adapters: [String: String] = [:],
                            without: Set<String> = []) throws -> String {
        let fm = FileManager.default
        try fm.createDirectory(atPath: target, withIntermediateDirectories: true)
        for name in ["adapters", "mappings", "destinations"] where fm.fileExists(atPath: source + "/" + name) {
            try fm.copyItem(atPath: source + "/" + name, toPath: target + "/" + name)
        }
        let inbox = target + "/inbox"
        try fm.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        for name in (try? fm.contentsOfDirectory(atPath: target + "/adapters")) ?? [] {
            let file = target + "/adapters/" + name
            if without.contains(name) {
                try fm.removeItem(atPath: file)
                continue
            }
            // A file adapter's `inbox:` line, whatever folder it named.
            let text = try String(contentsOfFile: file, encoding: .utf8)
            let moved = text.replacing(/(?m)^(\s+inbox:\s*).*$/) { "\($0.output.1)inbox" }
            try moved.write(toFile: file, atomically: true, encoding: .utf8)
        }
        for (name, text) in adapters { try text.write(toFile: target + "/adapters/" + name, atomically: true, encoding: .utf8) }
        return inbox
    }
}
