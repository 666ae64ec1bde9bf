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
            w.raw("message", message.canonicalBody)
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
