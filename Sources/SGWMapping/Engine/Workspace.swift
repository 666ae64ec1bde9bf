import Foundation
public import SGWCore

/// An operator's configuration folder: `adapters/*.yaml` and `mappings/*.yaml`, loaded and checked together.
public struct Workspace: Sendable {
    /// The folder.
    public var directory: String
    /// Adapters that loaded without problems, by name.
    public var adapters: [String: AdapterSpec]
    /// Mappings that loaded without problems, by name.
    public var mappings: [String: MappingSpec]
    /// Every problem found, in file order.
    public var problems: [ConfigProblem]
    /// How many files were read.
    public var fileCount: Int

    /// Loads `directory`; `profiles` are the profile ids mappings may name.
    public static func load(directory: String, profiles: Set<String>) -> Workspace {
        var problems: [ConfigProblem] = []
        let mappingFiles = yamlFiles(in: directory, "mappings")
        let adapterFiles = yamlFiles(in: directory, "adapters")
        if mappingFiles.isEmpty && adapterFiles.isEmpty {
            problems.append(.unreadable("no adapters/*.yaml or mappings/*.yaml here", file: directory))
        }
        var mappings: [String: MappingSpec] = [:]
        for f in mappingFiles {
            let (spec, p) = MappingSpec.load(path: f, knownProfiles: profiles)
            problems += p
            if let spec { mappings[spec.name] = spec }
        }
        let mappingNames = Set(mappingFiles.map { (($0 as NSString).lastPathComponent as NSString).deletingPathExtension })
        var adapters: [String: AdapterSpec] = [:]
        for f in adapterFiles {
            let (spec, p) = AdapterSpec.load(path: f, mappings: mappingNames)
            problems += p
            if let spec {
                if let profile = spec.profile, !profiles.contains(profile) {
                    problems.append(.unknownName("unknown profile '\(profile)'", file: f))
                    continue  // never map under a profile that does not exist
                }
                adapters[spec.name] = spec
            }
        }
        return Workspace(directory: directory, adapters: adapters, mappings: mappings, problems: problems,
                         fileCount: mappingFiles.count + adapterFiles.count)
    }

    /// The adapter and a mapper for it, or an error that says why not.
    public func mapper(adapter name: String) throws(LookupError) -> (AdapterSpec, Mapper) {
        guard let adapter = adapters[name] else {
            let broken = problems.contains { ($0.file as NSString).lastPathComponent == "\(name).yaml" }
            if broken { throw LookupError.brokenAdapter(name) }
            throw LookupError.unknownAdapter(name, folder: "\(directory)/adapters", known: adapters.keys)
        }
        guard let mapping = mappings[adapter.mapping] else {
            throw LookupError.brokenMapping(adapter.mapping, adapter: name)
        }
        return (adapter, Mapper(spec: mapping, adapter: adapter.name, profile: adapter.profile))
    }

    static func yamlFiles(in directory: String, _ folder: String) -> [String] {
        let path = (directory as NSString).appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.hasPrefix(".") }.sorted()
            .map { (path as NSString).appendingPathComponent($0) }
    }
}
