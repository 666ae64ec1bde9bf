/// A claims feed that could not be read in a round.
public struct ClaimsFeedError: Error, Sendable, CustomStringConvertible {
    /// The destination whose feed it is.
    public let source: String
    /// Why: the feed's answer could not be read (`PlatformClient.PlatformError`), or the HTTP client's error.
    public let error: any Error

    public var description: String { "\(source): \(error)" }
}
