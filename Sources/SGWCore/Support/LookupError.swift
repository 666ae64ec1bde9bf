/// A name that is not known or cannot be used (a profile, a duty, an adapter), with a message that says what is.
public struct LookupError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: String, Sendable {
        case unknownProfile = "unknown-profile"
        case unknownDuty = "unknown-duty"
        case noTimeLimit = "no-time-limit"
        case unknownAdapter = "unknown-adapter"
        case brokenAdapter = "broken-adapter"
        case brokenMapping = "broken-mapping"
    }

    private let kind: Code
    /// The name looked up.
    public let name: String
    /// What is wrong and what would do, in plain words.
    public let message: String
    /// The stable code.
    public var code: String { kind.rawValue }
    public var description: String { message }

    private init(_ kind: Code, _ name: String, _ message: String) {
        self.kind = kind
        self.name = name
        self.message = message
    }

    /// No profile has `id`; `known` are the ids there are.
    public static func unknownProfile(_ id: String, known: some Collection<String>) -> Self {
        let hint = Suggestion.closest(to: id, in: known).map { " Did you mean '\($0)'?" } ?? ""
        return Self(.unknownProfile, id, "unknown profile '\(id)'.\(hint) Known: \(known.sorted().joined(separator: ", ")).")
    }

    /// `profile` (`profileName`) sets no `duty`; `duties` are those it sets.
    public static func unknownDuty(_ duty: String, profile: String, profileName: String, duties: [String]) -> Self {
        Self(.unknownDuty, duty, "profile '\(profile)' (\(profileName)) sets no duty '\(duty)'; its duties: \(duties.joined(separator: ", "))")
    }

    /// `profile` sets `duty` (in `article`) without a number of days, for the reason `why` quotes.
    public static func noTimeLimit(_ duty: String, profile: String, article: String, why: String) -> Self {
        Self(.noTimeLimit, duty, "profile '\(profile)' sets no time limit for '\(duty)' (art. \(article)): \(why)")
    }

    /// No adapter `name` in `folder`; `known` are the adapters there are.
    public static func unknownAdapter(_ name: String, folder: String, known: some Collection<String>) -> Self {
        let hint = Suggestion.closest(to: name, in: known).map { " Did you mean '\($0)'?" } ?? ""
        return Self(.unknownAdapter, name, "no adapter '\(name)' in \(folder).\(hint) Adapters: \(known.sorted().joined(separator: ", "))")
    }

    /// The adapter's file has problems (`sgw check` lists them).
    public static func brokenAdapter(_ name: String) -> Self {
        Self(.brokenAdapter, name, "adapter '\(name)' has problems; run 'sgw check' to see them")
    }

    /// The adapter's mapping has problems.
    public static func brokenMapping(_ mapping: String, adapter: String) -> Self {
        Self(.brokenMapping, mapping, "adapter '\(adapter)' uses mapping '\(mapping)', which has problems; run 'sgw check'")
    }
}
