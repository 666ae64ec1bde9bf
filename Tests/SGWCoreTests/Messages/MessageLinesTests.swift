import Foundation
import SGWCore
import SGWTesting
import Testing

/// `MessageLines` writes the envelope parts a file's messages share once, in advance; every line must still be
/// `jsonBytes()` and a newline, whether the message shares them or not.
@Suite struct MessageLinesTests {
    static let receivedAt = ShanghaiTime.parseInstant("2026-11-23T14:55:00.123Z")!

    static func message(_ kind: MessageKind, key: String = "zhoucun-licences:许可3703060000001", profile: String = "zhoucun",
                        adapter: String = "zhoucun-licences", source: String = "inbox/周村 2024.csv",
                        location: String? = "row 2", receivedAt: Date = receivedAt, version: Int = 1,
                        incomplete: String? = nil) -> CanonicalMessage {
        let body: MessageBody = switch kind {
        case .approval: .approval(Fixtures.approval())
        case .supervision: .supervision(Fixtures.supervision())
        case .creditLicence: .creditLicence(Fixtures.creditLicence())
        case .creditPenalty: .creditPenalty(Fixtures.creditPenalty())
        }
        return CanonicalMessage.make(body: body, key: key, profile: profile,
                                     provenance: Provenance(adapter: adapter, source: source, location: location),
                                     receivedAt: receivedAt, version: version, incomplete: incomplete)
    }

    static func expected(_ m: CanonicalMessage) -> [UInt8] { m.jsonBytes() + [UInt8(ascii: "\n")] }

    /// The one line `lines` appends for `m` to an empty buffer.
    static func line(_ lines: MessageLines, _ m: CanonicalMessage) -> [UInt8] {
        var bytes: [UInt8] = []
        lines.append(m, to: &bytes)
        return bytes
    }

    @Test(arguments: MessageKind.allCases)
    func sharedPartsAreWrittenAsTheEnvelopeWritesThem(_ kind: MessageKind) {
        let lines = MessageLines(profile: "zhoucun", adapter: "zhoucun-licences", source: "inbox/周村 2024.csv", receivedAt: Self.receivedAt)
        for m in [Self.message(kind), Self.message(kind, incomplete: "legalRepresentative: 法定代表人 is required"),
                  Self.message(kind, key: "a:\"quoted\"|back\\slash", location: "row 3\n")] {
            #expect(Self.line(lines, m) == Self.expected(m))
        }
        // A message with no location (a record read whole, not from a row) shares the rest and has no location key.
        let noLocation = Self.message(kind, location: nil)
        #expect(Self.line(lines, noLocation) == Self.expected(noLocation))
        #expect(String(decoding: Self.line(lines, noLocation), as: UTF8.self).contains(#""provenance":{"adapter":"zhoucun-licences","source""#))
    }

    /// Parts that need escaping are escaped in the shared parts too.
    @Test func sharedPartsAreEscaped() {
        let source = "C:\\inbox\\\"a\".csv\t", adapter = "a\"b"
        let lines = MessageLines(profile: "p\\q", adapter: adapter, source: source, receivedAt: Self.receivedAt, version: 3)
        let m = Self.message(.approval, profile: "p\\q", adapter: adapter, source: source, version: 3)
        #expect(Self.line(lines, m) == Self.expected(m))
        #expect(String(decoding: Self.line(lines, m), as: UTF8.self).contains(#""source":"C:\\inbox\\\"a\".csv\t"}"#))
    }

    /// A message that does not share a part is written in full, with its own.
    @Test func aMessageWithOtherPartsIsWrittenWithItsOwn() {
        let lines = MessageLines(profile: "zhoucun", adapter: "zhoucun-licences", source: "inbox/周村 2024.csv", receivedAt: Self.receivedAt)
        let others = [
            (Self.message(.approval, profile: "zibo"), #""profile":"zibo""#),
            (Self.message(.approval, adapter: "other"), #""adapter":"other""#),
            (Self.message(.approval, source: "inbox/b.csv"), #""source":"inbox/b.csv""#),
            (Self.message(.approval, receivedAt: Self.receivedAt.addingTimeInterval(0.001)), #""receivedAt":"2026-11-23T14:55:00.124Z""#),
            (Self.message(.approval, version: 2), #""version":2}"#),
        ]
        for (m, own) in others {
            let line = Self.line(lines, m)
            #expect(line == Self.expected(m))
            #expect(String(decoding: line, as: UTF8.self).contains(own))
        }
    }

    /// A record's messages are appended to one buffer: it holds their lines one after the other, whatever each shares,
    /// and a buffer that already holds bytes keeps them.
    @Test func aRecordsLinesAreAppendedInOrder() {
        let lines = MessageLines(profile: "zhoucun", adapter: "zhoucun-licences", source: "inbox/周村 2024.csv", receivedAt: Self.receivedAt)
        let messages = [Self.message(.approval), Self.message(.creditLicence), Self.message(.supervision, profile: "zibo"),
                        Self.message(.creditPenalty, location: nil)]
        var bytes: [UInt8] = []
        for m in messages { lines.append(m, to: &bytes) }
        #expect(bytes == messages.flatMap(Self.expected))
        var prefixed = Array("earlier\n".utf8)
        lines.append(messages[0], to: &prefixed)
        #expect(prefixed == Array("earlier\n".utf8) + Self.expected(messages[0]))
    }
}

