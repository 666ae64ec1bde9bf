internal import Foundation

/// Files shipped inside the package (calendars, profiles) and files in operators' folders.
enum BundledData {
    /// The name of SwiftPM's resource bundle of SGWCore, which holds `calendar/` and `profiles/`.
    static let bundleName = "sgw_SGWCore.resources"

    /// Where the bundled files are: the resource bundle beside the executable (an installed sgw, or the build
    /// folder), else, for a binary run from a checkout, the package's own `Resources` folder. Looked up here rather
    /// than through SwiftPM's `Bundle.module`, which stops the process with a fatal error when the bundle is missing
    /// (a binary copied without it); the loaders report that as a problem instead.
    static let resourceFolder: String? = candidates.first(where: isDirectory)

    /// Where the bundled files may be, in the order they are looked for: beside the executable, in the checkout.
    static var candidates: [String] {
        [Bundle.main.bundleURL.appendingPathComponent(bundleName).path,
         URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Resources").path]
    }

    /// The bundled files in resource folder `folder` with `ext`, sorted by name; `root` is where the bundle is
    /// (nil: missing, which is a problem naming the folder to install).
    static func files(in folder: String, extension ext: String, root: String? = resourceFolder) throws(ConfigProblems) -> [String] {
        guard let root else {
            throw ConfigProblems([.unreadable(
                "sgw's bundled calendars and profiles are missing: install the folder \(bundleName) from the build "
                    + "(.build/release/) beside the sgw binary, in \(Bundle.main.bundleURL.path)", file: bundleName)])
        }
        return files(inFolder: (root as NSString).appendingPathComponent(folder), extension: ext)
    }

    /// The files in `folder` whose name ends in `.ext`, sorted by name; hidden files are skipped.
    static func files(inFolder folder: String, extension ext: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix("." + ext) && !$0.hasPrefix(".") }.sorted()
            .map { (folder as NSString).appendingPathComponent($0) }
    }

    /// Whether `path` is a directory.
    static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }
}
