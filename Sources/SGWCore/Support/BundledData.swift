internal import Foundation

/// Files shipped inside the package (calendars, profiles) and files in operators' folders.
enum BundledData {
    /// The bundled files in resource folder `folder` with `ext`, sorted by name.
    static func files(in folder: String, extension ext: String) -> [String] {
        guard let url = Bundle.module.url(forResource: folder, withExtension: nil) else { return [] }
        return files(inFolder: url.path, extension: ext)
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
