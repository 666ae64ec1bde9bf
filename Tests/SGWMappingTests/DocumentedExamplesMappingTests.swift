import Foundation
import SGWCore
@testable import SGWMapping
import SGWTesting
import Testing

/// docs/messages.md shows what the shipped examples produce: each example message is mapped again from the sample it
/// names (its adapter, file and row), and must come out with the same key and the same body.
@Suite struct DocumentedExamplesMappingTests {
    /// The JSON examples of whole messages in docs/messages.md.
    static func examples() throws -> [CanonicalMessage] {
        let text = try String(contentsOfFile: Repository.root + "/docs/messages.md", encoding: .utf8)
        return try text.components(separatedBy: "```json\n").dropFirst().map { $0.components(separatedBy: "\n```")[0] }
            .filter { $0.contains("\"envelope\": {") && $0.count > 200 }
            .map { try SGWJSON.decoder.decode(CanonicalMessage.self, from: Data($0.utf8)) }
    }

    @Test func everyExampleIsWhatTheShippedMappingMakes() throws {
        let examples = try Self.examples()
        #expect(examples.count == MessageKind.allCases.count)
        let ws = Workspace.load(directory: Repository.root, profiles: Set(try ProfileCatalog.load().profiles.keys))
        for example in examples {
            let e = example.envelope
            let (adapter, mapper) = try ws.mapper(adapter: e.provenance.adapter)
            #expect(mapper.profile == e.profile)
            var made: [CanonicalMessage] = []
            _ = MapRun.run(adapter: adapter, mapper: mapper, path: Repository.root + "/" + e.provenance.source,
                           onMessage: { if $0.envelope.key == e.key && $0.envelope.kind == e.kind { made.append($0) } }, onRejection: { _ in })
            #expect(made.count == 1, "\(e.kind) \(e.key): the shipped mapping makes no such message from \(e.provenance.source)")
            guard let m = made.first else { continue }
            #expect(m.envelope.provenance.location == e.provenance.location, "\(e.key)")
            #expect(m.canonicalBody == example.canonicalBody, "\(e.key): the body differs from the documented one")
            #expect(m.envelope.contentHash == e.contentHash)
            #expect(m.envelope.incomplete == e.incomplete)
        }
    }
}
