import Foundation

/// A body template: JSON whose string values may hold `{{path}}` placeholders into the standard body
/// (`{{id}}`, `{{items.XK_XDR_MC}}`, `{{message.counterparty.name}}`). A value that is exactly one placeholder takes
/// the value with its JSON type; placeholders inside longer text are replaced by their text. For platforms that want
/// their own field names, fitted by configuration.
public enum BodyTemplate {
    /// Why `template` cannot be used, or nil.
    public static func check(_ template: String) -> String? {
        do {
            _ = try JSONSerialization.jsonObject(with: Data(template.utf8), options: [.fragmentsAllowed])
            return nil
        } catch {
            return "not valid JSON (\(error.localizedDescription))"
        }
    }

    /// `template` filled from the standard `body`.
    public static func render(_ template: String, body: [UInt8]) throws -> [UInt8] {
        let source = try JSONSerialization.jsonObject(with: Data(body))
        let shape = try JSONSerialization.jsonObject(with: Data(template.utf8), options: [.fragmentsAllowed])
        let filled = fill(shape, from: source)
        return Array(try JSONSerialization.data(withJSONObject: filled, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed]))
    }

    static func fill(_ shape: Any, from source: Any) -> Any {
        switch shape {
        case let d as [String: Any]: return d.mapValues { fill($0, from: source) }
        case let a as [Any]: return a.map { fill($0, from: source) }
        case let s as String:
            if let whole = s.wholeMatch(of: /\{\{\s*([^}\s]+)\s*\}\}/) { return value(at: String(whole.1), in: source) ?? NSNull() }
            return s.replacing(/\{\{\s*([^}\s]+)\s*\}\}/) { match in
                switch value(at: String(match.1), in: source) {
                case let text as String: text
                case let n as NSNumber: n.stringValue
                default: ""
                }
            }
        default: return shape
        }
    }

    static func value(at path: String, in source: Any) -> Any? {
        var current: Any? = source
        for part in path.split(separator: ".") {
            current = (current as? [String: Any])?[String(part)]
        }
        return current
    }
}
