import Foundation
import SGWCore
@testable import SGWMapping
import SGWTesting
import Testing

/// A rejection quotes the value it refuses; a phone or ID number typed into another column is masked there, in
/// whatever form it was written, and an organisation's code is not.
@Suite struct RejectionMaskingTests {
    @Test func valuesQuotedInRejectionsAreMaskedByWholeToken() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("mappings/m.yaml", """
            profile: zhoucun
            key: [id]
            messages:
              - kind: supervision
                fields:
                  kind: {const: training}
                  decisionDate: {from: date, transforms: [date]}
                  basisAndResult: {const: x}
                  department: {const: 区市场监督管理局}
            """)
        try dir.write("adapters/a.yaml", "kind: file\nmapping: m\nformat: {type: csv}\nfile: {inbox: .}\n")
        let values = ["+8613812345678", "138 1234 5678", "138-1234-5678", "370306 19750101 001X", "91110000600037341L", "危险370306202400721"]
        let input = try dir.write("in.csv", "id,date\n" + values.enumerated().map { "\($0),\($1)" }.joined(separator: "\n") + "\n")
        let (adapter, mapper) = try Workspace.load(directory: dir.path, profiles: ["zhoucun"]).mapper(adapter: "a")
        var messages: [String] = []
        _ = MapRun.run(adapter: adapter, mapper: mapper, path: input, onMessage: { _ in }, onRejection: { messages.append($0.message) })
        #expect(messages.count == values.count)
        for personal in values.prefix(4) { #expect(!messages.contains { $0.contains(personal) }, "\(personal): \(messages)") }
        #expect(messages[0].contains("+86138****5678"), "\(messages[0])")
        #expect(messages[1].contains("138 **** 5678") && messages[2].contains("138-****-5678"))
        #expect(messages[3].contains("370306 ******** 001X"), "\(messages[3])")
        // Codes are quoted whole.
        #expect(messages[4].contains("91110000600037341L") && messages[5].contains("危险370306202400721"), "\(messages.suffix(2))")
    }
}
