public import Foundation
public import SGWStore

/// A message as the API lists it: its envelope, department and counterparty, and its body, masked for the reader.
public struct MessageView: Encodable, Sendable, Hashable {
    public var id: String
    public var kind: String, key: String
    public var version: Int
    public var contentHash: String
    public var profile: String
    public var adapter: String, source: String
    public var location: String?
    public var receivedAt: Date
    /// Why it cannot be sent as it is (a derived record missing a required item).
    public var incomplete: String?
    /// The department it is addressed to or sent by, and its counterparty's USCC or ID number.
    public var department: String?
    public var counterparty: String?
    /// The canonical body.
    public var body: JSONValue

    /// The view of `stored` for the reader `disclosure` describes.
    public init(_ stored: StoredMessage, _ disclosure: inout Disclosure) {
        let m = stored.message, e = m.envelope, id = e.id.rawValue
        self.id = id
        kind = e.kind.rawValue
        key = disclosure.text(e.key, of: id)
        version = e.version
        contentHash = e.contentHash
        profile = e.profile
        adapter = e.provenance.adapter
        source = disclosure.text(e.provenance.source, of: id)
        location = e.provenance.location
        receivedAt = e.receivedAt
        incomplete = disclosure.text(e.incomplete, of: id)
        department = m.body.department
        counterparty = disclosure.text(m.body.counterpartyIdentity, of: id)
        body = JSONValue(json: disclosure.json(m.canonicalBody, of: id))
    }
}
