public import Foundation

/// The body of a message of one kind, typed, as the mapper makes it: written as canonical JSON where a consumer
/// wants it (into an output line, for `sgw map`), or put into a `MessageBody` (for the store).
public protocol MessageContent: JSONWritable, Sendable {
    /// Its kind.
    static var kind: MessageKind { get }
    /// The body holding it.
    consuming func body() -> MessageBody
}

extension Approval: MessageContent {
    public static var kind: MessageKind { .approval }
    public consuming func body() -> MessageBody { .approval(self) }
}

extension Supervision: MessageContent {
    public static var kind: MessageKind { .supervision }
    public consuming func body() -> MessageBody { .supervision(self) }
}

extension CreditLicence: MessageContent {
    public static var kind: MessageKind { .creditLicence }
    public consuming func body() -> MessageBody { .creditLicence(self) }
}

extension CreditPenalty: MessageContent {
    public static var kind: MessageKind { .creditPenalty }
    public consuming func body() -> MessageBody { .creditPenalty(self) }
}

extension Inspection: MessageContent {
    public static var kind: MessageKind { .creditInspection }
    public consuming func body() -> MessageBody { .creditInspection(self) }
}

/// What the envelopes of all new messages of one run share: its profile, its adapter and source, its receipt time.
public struct MessageOrigin: Sendable {
    public let profile: String
    public let adapter: String
    /// The file path or URL the records are read from.
    public let source: String
    public let receivedAt: Date
    /// What every message's key starts with (a mapping's name and a colon); the record's part (`MessageParts.key`)
    /// follows. Apart, a key of one source field is that field's value as read: a string of its own for every
    /// record's key was an allocation and a copy a row in `sgw map`, which writes the two one after the other.
    public let keyPrefix: String

    public init(profile: String, adapter: String, source: String, receivedAt: Date, keyPrefix: String = "") {
        (self.profile, self.adapter, self.source, self.receivedAt, self.keyPrefix) = (profile, adapter, source, receivedAt, keyPrefix)
    }
}

/// What a new message's envelope takes from its record, beside the run's `MessageOrigin` (version 1).
public struct MessageParts: Sendable {
    /// The id's bits: `sgw map` writes its text straight into the line.
    public var id: MessageID.Bits
    /// The record's part of the key, after the origin's `keyPrefix`.
    public var key: String
    /// Where the record lies in its source (`row 12`).
    public var location: String?
    /// Why the message cannot be complete (see `Envelope.incomplete`); nil for nearly all.
    public var incomplete: String?

    public init(id: MessageID.Bits, key: String, location: String?, incomplete: String? = nil) {
        (self.id, self.key, self.location, self.incomplete) = (id, key, location, incomplete)
    }

    /// The canonical message of `content` with these parts, from `origin`: its body's JSON written, then hashed.
    public func message(_ content: consuming some MessageContent, from origin: MessageOrigin) -> CanonicalMessage {
        // Written before it goes into its body: read back out of the `indirect` body, it would be copied, every string
        // retained and released again.
        let json = content.canonicalJSON()
        return CanonicalMessage.make(body: content.body(), canonicalBody: json, key: origin.keyPrefix + key, profile: origin.profile,
                                     provenance: Provenance(adapter: origin.adapter, source: origin.source, location: location),
                                     receivedAt: origin.receivedAt, id: MessageID(id), incomplete: incomplete)
    }
}

/// Where a mapper's messages go, a record at a time: each message is handed over once, as its typed body and its
/// envelope's parts, and the sink makes of it what its consumer needs. `sgw map` writes each message's line straight
/// from the body (`MessageLines`): a `CanonicalMessage` made first was its body's JSON in an array of its own, copied
/// into the line, a boxed body, a hash and an id as strings, all made and destroyed again for every message.
public protocol MessageSink: Sendable {
    /// What a record's messages become (its lines; its messages).
    associatedtype Output
    /// The run's: the records are read from its source, and every message has its envelope parts.
    var origin: MessageOrigin { get }
    /// A record's output before its first message.
    func makeOutput() -> Output
    /// Adds the message of `content` and `parts` to a record's output.
    func append<Content: MessageContent>(_ content: consuming Content, _ parts: consuming MessageParts, to output: inout Output)
    /// Lets go of what a record's output held only while its messages were added, on the thread that added them,
    /// before the output is handed on. None by default.
    func finish(_ output: inout Output)
}

extension MessageSink {
    public func finish(_ output: inout Output) {}
}

/// The messages themselves.
public struct MessageCollector: MessageSink {
    public let origin: MessageOrigin

    public init(origin: MessageOrigin) { self.origin = origin }

    public func makeOutput() -> [CanonicalMessage] { [] }

    public func append<Content: MessageContent>(_ content: consuming Content, _ parts: consuming MessageParts, to output: inout [CanonicalMessage]) {
        output.append(parts.message(content, from: origin))
    }
}
