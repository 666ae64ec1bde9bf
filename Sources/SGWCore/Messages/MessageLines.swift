public import Foundation

/// Writes messages as JSON lines (`jsonBytes()` and a newline), with the envelope's parts that all messages of one
/// mapped file share written once in advance: its profile, its provenance's adapter and source, its receipt time
/// and its version. Written member by member, those parts were most of writing an envelope, 5.5% of `sgw map`
/// (docs/benchmarks.md, Mapping). A message that differs in any of them is written in full, so the lines are
/// always those of `jsonBytes()`. A class: the mapping threads share one, and a struct was copied for every line.
public final class MessageLines: Sendable {
    let profile: String
    let adapter: String
    let source: String
    let receivedAt: Date
    let version: Int
    /// `,"profile":…,"provenance":{"adapter":…`: what follows the kind.
    private let afterKind: [UInt8]
    /// `,"source":…},"receivedAt":…,"version":…}}` and the newline: what follows the location.
    private let afterLocation: [UInt8]

    /// The writer of lines for messages with these envelope parts.
    public init(profile: String, adapter: String, source: String, receivedAt: Date, version: Int = 1) {
        (self.profile, self.adapter, self.source, self.receivedAt, self.version) = (profile, adapter, source, receivedAt, version)
        afterKind = JSONWriter.fragment { Envelope.writeProfileAndAdapter(profile: profile, adapter: adapter, to: &$0) }
        afterLocation = JSONWriter.fragment { w in
            Envelope.writeSourceToEnd(source: source, receivedAt: receivedAt, version: version, to: &w)
            w.close()  // the message's
        } + [UInt8(ascii: "\n")]
    }

    /// Appends the message's line, newline included (`message.jsonBytes()` and `\n`), to `bytes`. When `bytes` is empty, room is made for a second
    /// line: a record's messages (an approval and its 双公示 record) are written into one buffer, one allocation a
    /// record instead of one a line.
    public func append(_ message: CanonicalMessage, to bytes: inout [UInt8]) {
        let e = message.envelope
        guard e.profile == profile, e.provenance.adapter == adapter,
              e.provenance.source == source, e.receivedAt == receivedAt, e.version == version else {
            bytes += message.jsonBytes()
            bytes.append(UInt8(ascii: "\n"))
            return
        }
        // A 双公示 record's body is about a third larger than its approval's. A line that does not fit grows the buffer
        // as any append does, by doubling: reserving the exact room line by line would copy it again for every line.
        if bytes.isEmpty { bytes.reserveCapacity(3 * (message.canonicalBody.count + afterKind.count + afterLocation.count + 256)) }
        // As `CanonicalMessage.write` and `Envelope.write` write it, the shared parts from the fragments. The bytes
        // are swapped in and out of the writer: never two references to them, never a copy.
        var w = JSONWriter(capacity: 0)
        swap(&w.bytes, &bytes)
        defer { swap(&w.bytes, &bytes) }
        w.open()
        w.raw("body", message.canonicalBody)
        w.key("envelope")
        e.writeOwnParts(to: &w)
        w.append(fragment: afterKind)
        w.string("location", e.provenance.location)
        w.append(fragment: afterLocation)
    }
}
