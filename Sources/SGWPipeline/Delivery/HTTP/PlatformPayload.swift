import Foundation
public import SGWCore
public import SGWStore

/// The request bodies of docs/platform-api.md: the interaction platform gets the envelope's identity and the
/// canonical message; the credit platform gets the 双公示 items by their codes, and an inspection result as its
/// canonical message.
public enum PlatformPayload {
    /// The body for one message, with the warnings about an approval's counterparty (`CounterpartyWarning`).
    public static func body(for message: CanonicalMessage, warnings: [CounterpartyWarning] = []) -> [UInt8] {
        let content: Content = switch message.body {
        // An inspection result has no 双公示 item codes: the credit platform takes it as the canonical message.
        case .approval, .supervision, .creditInspection: .message(message.canonicalBody)
        case .creditLicence(let r): .items(items(CreditItems.items(of: r)))
        case .creditPenalty(let r): .items(items(CreditItems.items(of: r)))
        }
        return body(message.envelope, decisionDate: message.body.decisionDate, content, warnings: warnings)
    }

    /// The body for a leased message: an interaction message's stored JSON goes in as it is, without decoding it;
    /// a credit record is decoded for its items. Throws when the stored JSON does not read as its kind.
    public static func body(for message: LeasedMessage) throws -> [UInt8] {
        switch message.envelope.kind {
        case .approval, .supervision, .creditInspection:
            body(message.envelope, decisionDate: message.decisionDate, .message(message.canonicalBody), warnings: message.warnings)
        case .creditLicence, .creditPenalty: body(for: try message.decoded(), warnings: message.warnings)
        }
    }

    /// What a body carries besides the envelope's identity: the canonical message, or the 双公示 items.
    enum Content {
        case message([UInt8])
        case items([UInt8])
    }

    /// The body, keys sorted; `warnings` only when there are some, so that most bodies are as before.
    static func body(_ e: Envelope, decisionDate: LocalDate, _ content: Content, warnings: [CounterpartyWarning]) -> [UInt8] {
        var w = JSONWriter(capacity: 2048)
        w.open()
        w.string("contentHash", e.contentHash)
        w.date("decisionDate", decisionDate)
        w.string("id", e.id.rawValue)
        if case .items(let items) = content { w.raw("items", items) }
        w.string("key", e.key)
        w.string("kind", e.kind.rawValue)
        if case .message(let json) = content { w.raw("message", json) }
        w.string("profile", e.profile)
        w.int("version", e.version)
        w.objects("warnings", warnings.isEmpty ? nil : warnings)
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
            w.reset()
            if i > 0 { out.append(UInt8(ascii: ",")) }
            w.string(key)
            out += w.bytes + [UInt8(ascii: ":")]
            w.reset()
            w.string(items[key]!)
            out += w.bytes
        }
        out.append(UInt8(ascii: "}"))
        return out
    }
}
