import Foundation
import SGWCore
import SGWTesting
import Testing

/// The examples in docs/messages.md are real: each decodes, passes its rules and carries its body's hash.
@Suite struct DocumentedExamplesTests {
    static func examples() throws -> [String] {
        let docs = URL(fileURLWithPath: Repository.root).appendingPathComponent("docs/messages.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        return text.components(separatedBy: "```json\n").dropFirst().map { $0.components(separatedBy: "\n```")[0] }
            .filter { $0.contains("\"envelope\": {\n") || $0.contains("\"envelope\": {") && $0.count > 200 }
    }

    @Test func oneExamplePerKind() throws {
        let messages = try Self.examples().map { try SGWJSON.decoder.decode(CanonicalMessage.self, from: Data($0.utf8)) }
        #expect(messages.map(\.envelope.kind) == MessageKind.allCases)
        for m in messages {
            #expect(m.body.rejections().isEmpty, "\(m.envelope.kind): \(m.body.rejections())")
            #expect(m.body.contentHash() == m.envelope.contentHash, "\(m.envelope.kind)")
        }
    }
}
