import Foundation
public import SGWCore

/// The request bodies of docs/platform-api.md: the interaction platform gets the envelope's identity and the
/// canonical message; the credit platform gets the 双公示 items by their codes.
public enum PlatformPayload {
    /// The body for one message.
    public static func body(for message: CanonicalMessage) -> [UInt8] {
        let e = message.envelope
        var w = JSONWriter(capacity: 2048)
        w.open()
        w.string("contentHash", e.contentHash)
        w.date("decisionDate", message.body.decisionDate)
        w.string("id", e.id.rawValue)
        switch message.body {
        case .approval, .supervision:
            w.string("key", e.key)
            w.string("kind", e.kind.rawValue)
            w.raw("message", message.body.canonicalJSON())
        case .creditLicence(let r):
            w.raw("items", items(CreditItems.items(of: r)))
            w.string("key", e.key)
            w.string("kind", e.kind.rawValue)
        case .creditPenalty(let r):
            w.raw("items", items(CreditItems.items(of: r)))
            w.string("key", e.key)
            w.string("kind", e.kind.rawValue)
        }
        w.string("profile", e.profile)
        w.int("version", e.version)
        w.close()
        return w.bytes
    }

    /// A batch body: `{"items": [body, …]}`.
    public static func batch(_ bodies: [[UInt8]]) -> [UInt8] {
        var out: [UInt8] = Array(#"{"items":["#.utf8)
        for (i, b) in bodies.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out += b
        }
        out += Array("]}".utf8)
        return out
    }

    /// The items object, keys sorted (the item codes are dynamic, so JSONWriter's static keys do not apply).
    static func items(_ items: [String: String]) -> [UInt8] {
        var w = JSONWriter(capacity: 1024)
        var out: [UInt8] = [UInt8(ascii: "{")]
        for (i, key) in items.keys.sorted().enumerated() {
            w.bytes.removeAll(keepingCapacity: true)
            if i > 0 { out.append(UInt8(ascii: ",")) }
            w.string(key)
            out += w.bytes + [UInt8(ascii: ":")]
            w.bytes.removeAll(keepingCapacity: true)
            w.string(items[key]!)
            out += w.bytes
        }
        out.append(UInt8(ascii: "}"))
        return out
    }
}

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
