import Foundation
import SGWCore
import SGWTesting
import Testing

/// `MessageLines` writes each line straight from the message's typed body, with the envelope parts a run's messages
/// share written once, in advance; every line must still be the `jsonBytes()` of the message `MessageParts.message`
/// makes of the same body and parts, and a newline.
@Suite struct MessageLinesTests {
    static let receivedAt = ShanghaiTime.parseInstant("2026-11-23T14:55:00.123Z")!
    static let origin = MessageOrigin(profile: "zhoucun", adapter: "zhoucun-licences", source: "inbox/周村 2024.csv", receivedAt: receivedAt,
                                      keyPrefix: "zhoucun-licences:")

    static func parts(key: String = "许可3703060000001", location: String? = "row 2", incomplete: String? = nil) -> MessageParts {
        var ids = MessageIDGenerator()
        return MessageParts(id: ids.bits(milliseconds: 1_795_000_000_000), key: key, location: location, incomplete: incomplete)
    }

    /// The line `lines` appends for `content` and `parts` to an empty buffer, and the line expected of it.
    static func lines(_ lines: MessageLines, _ content: some MessageContent, _ parts: MessageParts) -> (written: [UInt8], expected: [UInt8]) {
        var bytes: [UInt8] = []
        lines.append(content, parts, to: &bytes)
        return (bytes, parts.message(content, from: lines.origin).jsonBytes() + [UInt8(ascii: "\n")])
    }

    /// Every kind's line, with the parts that vary.
    static func kinds(_ check: (any MessageContent) -> Void) {
        check(Fixtures.approval())
        check(Fixtures.supervision())
        check(Fixtures.creditLicence())
        check(Fixtures.creditPenalty())
        check(Fixtures.inspection())
    }

    @Test func eachKindsLineIsTheMessagesJSON() {
        let lines = MessageLines(origin: Self.origin)
        Self.kinds { content in
            for parts in [Self.parts(), Self.parts(incomplete: "legalRepresentative: 法定代表人 is required"),
                          Self.parts(key: "a:\"quoted\"|back\\slash", location: "row 3\n")] {
                let (written, expected) = Self.lines(lines, content, parts)
                #expect(written == expected)
            }
            // A message with no location (a record read whole, not from a row) has no location key.
            let (written, expected) = Self.lines(lines, content, Self.parts(location: nil))
            #expect(written == expected)
            #expect(String(decoding: written, as: UTF8.self).contains(#""provenance":{"adapter":"zhoucun-licences","source""#))
        }
    }

    /// The body in the line is the body's canonical JSON, and the hash is that of those bytes.
    @Test func theBodyIsHashedWhereItLies() throws {
        let approval = Fixtures.approval()
        var bytes: [UInt8] = []
        MessageLines(origin: Self.origin).append(approval, Self.parts(), to: &bytes)
        let line = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        let envelope = try #require(line["envelope"] as? [String: Any])
        #expect(envelope["contentHash"] as? String == ContentHash.sha256(approval.canonicalJSON()))
        #expect(String(decoding: bytes, as: UTF8.self).hasPrefix(#"{"body":"# + String(decoding: approval.canonicalJSON(), as: UTF8.self) + ","))
    }

    /// Shared parts that need escaping are escaped in the shared parts too.
    @Test func sharedPartsAreEscaped() {
        let lines = MessageLines(origin: MessageOrigin(profile: "p\\q", adapter: "a\"b", source: "C:\\inbox\\\"a\".csv\t", receivedAt: Self.receivedAt,
                                                       keyPrefix: "a\"b\\:"))
        let (written, expected) = Self.lines(lines, Fixtures.approval(), Self.parts())
        #expect(written == expected)
        #expect(String(decoding: written, as: UTF8.self).contains(#""source":"C:\\inbox\\\"a\".csv\t"}"#))
        #expect(String(decoding: written, as: UTF8.self).contains(#""key":"a\"b\\:许可3703060000001","#))
    }

    /// A record's messages are appended to one buffer: it holds their lines one after the other, and a buffer that
    /// already holds bytes keeps them.
    @Test func aRecordsLinesAreAppendedInOrder() {
        let lines = MessageLines(origin: Self.origin)
        var bytes: [UInt8] = []
        var expected: [UInt8] = []
        Self.kinds { content in
            let parts = Self.parts(location: content is CreditPenalty ? nil : "row 2")
            expected += Self.lines(lines, content, parts).expected
            lines.append(content, parts, to: &bytes)
        }
        #expect(bytes == expected)
        var prefixed = Array("earlier\n".utf8)
        let parts = Self.parts()
        lines.append(Fixtures.approval(), parts, to: &prefixed)
        #expect(prefixed == Array("earlier\n".utf8) + Self.lines(lines, Fixtures.approval(), parts).expected)
    }

    /// A record's later line copies the JSON of a counterparty an earlier line wrote, when it is the same value (a
    /// 双公示 record derived from its approval shares the approval's counterparty); a counterparty made apart, even
    /// with the same fields, or a different one, is written. Every line is still the message's JSON.
    @Test func aCounterpartySharedByARecordsMessagesIsWrittenRightEachTime() {
        let lines = MessageLines(origin: Self.origin)
        let shared = Fixtures.organisation()
        let person = Counterparty(kind: .naturalPerson, name: "王\"五\"", idNumber: "11010519491231002X")
        let contents: [any MessageContent] = [
            Fixtures.approval(counterparty: shared), Fixtures.creditLicence(counterparty: shared),
            Fixtures.creditLicence(counterparty: Fixtures.organisation()), Fixtures.approval(counterparty: person),
            Fixtures.creditLicence(counterparty: shared), Fixtures.creditLicence(counterparty: person),
        ]
        var record = lines.makeOutput()
        var expected: [UInt8] = []
        for content in contents {
            func add(_ content: some MessageContent) {
                let parts = Self.parts()
                expected += Self.lines(lines, content, parts).expected
                lines.append(content, parts, to: &record)
            }
            add(content)
        }
        #expect(record.bytes == expected)
        #expect(record.count == expected.count)
    }
}
