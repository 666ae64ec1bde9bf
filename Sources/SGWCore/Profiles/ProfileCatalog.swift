internal import Foundation

/// Every jurisdiction profile sgw knows: the bundled five, plus an operator's folder that adds or overrides them.
public struct ProfileCatalog: Sendable {
    /// The operational target for "at once" (即时) duties whose profile names none, in minutes.
    public static let defaultAtOnceTargetMinutes = 30

    /// Profiles by id.
    public let profiles: [String: JurisdictionProfile]

    /// A catalog of given profiles.
    public init(profiles: [JurisdictionProfile]) {
        self.profiles = Dictionary(profiles.map { ($0.id, $0) }, uniquingKeysWith: { _, new in new })
    }

    /// The profiles sorted by id.
    public var sorted: [JurisdictionProfile] { profiles.values.sorted { $0.id < $1.id } }

    /// The profile with `id`, or an error that lists the known ones.
    public func profile(_ id: String) throws(LookupError) -> JurisdictionProfile {
        if let p = profiles[id] { return p }
        throw LookupError.unknownProfile(id, known: profiles.keys)
    }

    /// Loads the bundled profiles, then every `*.yaml` in `overrideFolder` (a file whose id matches a bundled
    /// profile replaces it). `atOnceTargetMinutes` is the target for "at once" duties that set none.
    public static func load(overrideFolder: String? = nil,
                            atOnceTargetMinutes: Int = defaultAtOnceTargetMinutes) throws(ConfigProblems) -> ProfileCatalog {
        var found: [JurisdictionProfile] = []
        var problems: [ConfigProblem] = []
        var files = try BundledData.files(in: "profiles", extension: "yaml").map { ($0, "bundled") }
        if let overrideFolder {
            guard BundledData.isDirectory(overrideFolder) else {
                throw ConfigProblems([.unreadable("the profiles folder does not exist", file: overrideFolder)])
            }
            files += BundledData.files(inFolder: overrideFolder, extension: "yaml").map { ($0, $0) }
        }
        for (path, origin) in files {
            let reader = ConfigReader(file: origin == "bundled" ? "profiles/" + (path as NSString).lastPathComponent : path)
            if let root = reader.root(contentsOf: path),
               let profile = JurisdictionProfile.read(root, defaultTargetMinutes: atOnceTargetMinutes, origin: origin) {
                found.append(profile)
            }
            problems += reader.problems
        }
        guard problems.isEmpty else { throw ConfigProblems(problems) }
        return ProfileCatalog(profiles: found)
    }
}
