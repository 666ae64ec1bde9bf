import Foundation
import Mustache

/// The console's pages as HTML: the Mustache templates of `Resources/console/templates` (one per page, each filling
/// the blocks of `layout`), and the assets of `Resources/console/assets` (one stylesheet), all loaded once at start so
/// that the console works without any other server. Every value is HTML-escaped by `{{ }}`; the templates use `{{{ }}}`
/// only for `TrustedHTML`, markup that sgw itself wrote.
public struct ConsoleRenderer: Sendable {
    private let library: MustacheLibrary
    private let assets: [String: ConsoleAsset]

    /// Loads the templates and assets.
    public init() throws(ConsoleProblem) {
        let folder = try ConsoleResources.folder()
        var library = MustacheLibrary()
        for path in Self.files(in: folder + "/templates", extension: "mustache") {
            let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            do {
                library.register(try MustacheTemplate(string: String(contentsOfFile: path, encoding: .utf8)), named: name)
            } catch {
                throw .badTemplate(name, error)
            }
        }
        self.library = library
        var assets: [String: ConsoleAsset] = [:]
        for path in Self.files(in: folder + "/assets", extension: nil) {
            let name = (path as NSString).lastPathComponent
            if let data = FileManager.default.contents(atPath: path) { assets[name] = ConsoleAsset(name: name, bytes: Array(data)) }
        }
        self.assets = assets
    }

    /// The page `template` over `context` (a struct or dictionary whose members the template names); nil when there
    /// is no such template.
    public func render(_ template: String, _ context: Any) -> String? {
        library.render(context, withTemplate: template)
    }

    /// The asset `name` (e.g. `console.css`), nil when there is none.
    public func asset(_ name: String) -> ConsoleAsset? { assets[name] }

    /// The files in `folder` (with `ext` when given), sorted; hidden files skipped.
    private static func files(in folder: String, extension ext: String?) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { name in !name.hasPrefix(".") && (ext.map { name.hasSuffix("." + $0) } ?? true) }.sorted()
            .map { (folder as NSString).appendingPathComponent($0) }
    }
}
