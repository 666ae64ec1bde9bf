internal import Foundation

/// Where the console's templates and assets are: SwiftPM's resource bundle of SGWConsole beside the executable (an
/// installed sgw, or the build folder), else, for a binary or a test run from a checkout, the package's own
/// `Resources/console`. Looked up by path rather than through `Bundle.module`, which stops the process when the bundle
/// is missing; a missing folder is a `ConsoleProblem` instead (as SGWCore's bundled calendars are).
enum ConsoleResources {
    /// The name of the resource bundle.
    static let bundleName = "sgw_SGWConsole.resources"

    /// The places looked in, in order.
    static var candidates: [String] {
        [Bundle.main.bundleURL.appendingPathComponent(bundleName).appendingPathComponent("console").path,
         URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Resources/console").path]
    }

    /// The first folder that holds the templates.
    static func folder() throws(ConsoleProblem) -> String {
        for path in candidates {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path + "/templates", isDirectory: &isDirectory), isDirectory.boolValue {
                return path
            }
        }
        throw .missingResources(bundleName, beside: Bundle.main.bundleURL.path)
    }
}
