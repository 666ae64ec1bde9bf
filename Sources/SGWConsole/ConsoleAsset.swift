/// A file the console serves as it is under `/console/assets/NAME`: the stylesheet.
public struct ConsoleAsset: Sendable {
    /// The file's name.
    public let name: String
    /// Its bytes.
    public let bytes: [UInt8]

    /// The `Content-Type` its name calls for.
    public var contentType: String {
        if name.hasSuffix(".css") { return "text/css; charset=utf-8" }
        if name.hasSuffix(".svg") { return "image/svg+xml" }
        if name.hasSuffix(".png") { return "image/png" }
        return "application/octet-stream"
    }
}
