/// Writes new messages as JSON lines (a message's `jsonBytes()` and a newline), straight from each message's typed
/// body: the body's JSON written into the line and hashed where it lies. The envelope's parts that all messages of a
/// run share (`MessageOrigin`) are written once in advance, since member by member they are most of writing an
/// envelope. A class: the mapping threads share one, and a struct would be copied for every line.
public final class MessageLines: MessageSink {
    public let origin: MessageOrigin
    /// `,"profile":…,"provenance":{"adapter":…`: what follows the kind.
    private let afterKind: [UInt8]
    /// `,"source":…},"receivedAt":…,"version":1}}` and the newline: what follows the location.
    private let afterLocation: [UInt8]

    /// The writer of lines for the new messages (version 1) of a run.
    public init(origin: MessageOrigin) {
        self.origin = origin
        afterKind = JSONWriter.fragment { Envelope.writeProfileAndAdapter(profile: origin.profile, adapter: origin.adapter, to: &$0) }
        afterLocation = JSONWriter.fragment { w in
            Envelope.writeSourceToEnd(source: origin.source, receivedAt: origin.receivedAt, version: 1, to: &w)
            w.close()  // the message's
        } + [UInt8(ascii: "\n")]
    }

    /// A record's lines, with their length beside the bytes: the thread that hands them on in file order reads the
    /// length where it reads the record's outcome, not from the array's storage, which another core wrote (a cache
    /// miss a record).
    public struct Record: Sendable {
        public var bytes: [UInt8] = []
        /// `bytes.count`.
        public var count = 0
        /// The value a later line of the record may copy from an earlier one (`JSONWriter.shared`): a 双公示 record's
        /// counterparty from its approval's line. Only the thread that writes the record touches it.
        var shared: JSONWriter.SharedValue?
    }

    public func makeOutput() -> Record { Record() }

    /// Drops the value the record's lines shared: it holds the counterparty's fields, which are freed here, on the
    /// mapping thread, rather than by the thread that hands the lines on in file order (another core and another
    /// malloc arena, whose lock each free would take).
    public func finish(_ record: inout Record) { record.shared = nil }

    public func append<Content: MessageContent>(_ content: consuming Content, _ parts: consuming MessageParts, to record: inout Record) {
        append(content, parts, to: &record.bytes, shared: &record.shared)
        record.count = record.bytes.count
    }

    /// Appends the line of the message of `content` and `parts`, newline included
    /// (`parts.message(content, from: origin).jsonBytes()` and `\n`), to `bytes`. A record's messages (an approval and
    /// its 双公示 record) are written into one buffer, one allocation a record instead of one a line.
    public func append<Content: MessageContent>(_ content: borrowing Content, _ parts: borrowing MessageParts, to bytes: inout [UInt8]) {
        var shared: JSONWriter.SharedValue?
        append(content, parts, to: &bytes, shared: &shared)
    }

    /// As above, with the value a line may copy from an earlier line in `bytes`, and that this line leaves.
    private func append<Content: MessageContent>(_ content: borrowing Content, _ parts: borrowing MessageParts,
                                                 to bytes: inout [UInt8], shared: inout JSONWriter.SharedValue?) {
        // Room for a usual record's lines at once (an approval and its 双公示 record are 2–2.5 KB); a longer record
        // grows the buffer as any append does, by doubling. A batch's records are all held until reported, so more
        // room a record is more memory at the peak.
        if bytes.isEmpty { bytes.reserveCapacity(2560) }
        // As `CanonicalMessage.write` and `Envelope.write` write it, the shared parts from the fragments. The bytes
        // are swapped in and out of the writer: never two references to them, never a copy.
        var w = JSONWriter(capacity: 0)
        swap(&w.bytes, &bytes)
        swap(&w.lastShared, &shared)
        defer {
            swap(&w.bytes, &bytes)
            swap(&w.lastShared, &shared)
        }
        w.open()
        w.key("body")
        let body = w.bytes.count
        content.write(to: &w)
        let bodyEnd = w.bytes.count
        w.key("envelope")
        // The id's text written by a closure, not `id.write` handed on: a method taken as a value was a closure
        // allocated for every message.
        let id = parts.id
        Envelope.writeOwnParts(to: &w, contentHash: { $0.contentHash(ofBytes: body..<bodyEnd) },
                               id: { $0.asciiString(count: MessageID.Bits.textCount) { id.write(at: $0) } },
                               incomplete: parts.incomplete, key: { $0.string("key", origin.keyPrefix, parts.key) }, kind: Content.kind)
        w.append(fragment: afterKind)
        w.string("location", parts.location)
        w.append(fragment: afterLocation)
    }
}
