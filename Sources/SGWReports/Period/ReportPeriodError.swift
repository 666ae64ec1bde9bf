/// Why a report's period cannot be settled: a text that is no period, or a profile that sets no fixed one.
public struct ReportPeriodError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: String, Sendable {
        case unreadable = "period-unreadable"
        case noDefault = "period-no-default"
    }

    private let kind: Code
    /// In plain words.
    public let message: String

    private init(_ kind: Code, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// A stable code.
    public var code: String { kind.rawValue }
    public var description: String { message }

    /// `text` is not `2026-11`, `2026-Q4` or `FROM..TO`.
    public static func unreadable(_ text: String) -> Self {
        Self(.unreadable, "'\(text)' is not a period: give a month (2026-11), a quarter (2026-Q4) or dates FROM..TO (2026-11-01..2026-11-15), at most \(ReportingPeriod.longestRange) days")
    }

    /// The profile's rules set no fixed period (曲阜 art. 19 「定期」).
    public static func noDefault(profile: String, article: String?) -> Self {
        Self(.noDefault, "profile \(profile) sets no fixed report period" + (article.map { " (art. \($0))" } ?? "") + ": give --period")
    }
}
