import Foundation
import PropertyBased
import SGWCore
@testable import SGWMapping
import SGWTesting
import Testing

/// One rule for the characters no field should hold, whatever the format: invisible ones removed, control characters
/// reject the record.
@Suite struct SourceTextTests {
    static let mapping = """
        profile: zhoucun
        key: [id]
        messages:
          - kind: approval
            fields:
              itemName: {const: 城镇污水排入排水管网许可}
              documentNumber: {const: ZH审批〔2024〕1号}
              counterparty.kind: {const: organisation}
              counterparty.name: {from: name, checks: [required]}
              counterparty.uscc: {const: 91110000600037341L}
              decisionDate: {const: '2024-09-30'}
              validity.from: {const: '2024-09-30'}
              content: {const: 经营项目：物流}
              supervisingDepartment: {from: dept}
        """

    /// Maps `file` (named `name`) with an adapter of `format`; the approvals and the rejections.
    static func map(format: String, name: String, _ text: String) throws -> (approvals: [(key: String, approval: Approval)], rejections: [RecordRejection]) {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("mappings/m.yaml", mapping)
        try dir.write("adapters/a.yaml", "kind: file\nmapping: m\nformat: \(format)\nfile: {inbox: .}\n")
        let input = try dir.write(name, text)
        let (adapter, mapper) = try Workspace.load(directory: dir.path, profiles: ["zhoucun"]).mapper(adapter: "a")
        var approvals: [(String, Approval)] = [], rejections: [RecordRejection] = []
        _ = MapRun.run(adapter: adapter, mapper: mapper, path: input, onMessage: { m in
            if case .approval(let a) = m.body { approvals.append((m.envelope.key, a)) }
        }, onRejection: { rejections.append($0) })
        return (approvals, rejections)
    }

    @Test(arguments: [
        ("{type: csv}", "in.csv", "id,name,dept\nK\u{FEFF}1,南郊\u{200B}机械,区卫生健康局\u{200B}\nK2,王\u{0}村,区卫生健康局\n"),
        ("{type: jsonl}", "in.jsonl", #"{"id":"K\ufeff1","name":"南郊\u200b机械","dept":"区卫生健康局\u2060"}"# + "\n"
            + #"{"id":"K2","name":"王\u0000村","dept":"区卫生健康局"}"# + "\n"),
    ])
    func invisibleCharactersGoAndControlsReject(format: String, name: String, text: String) throws {
        let (approvals, rejections) = try Self.map(format: format, name: name, text)
        #expect(approvals.count == 1)
        #expect(approvals.first?.key == "m:K1")
        #expect(approvals.first?.approval.counterparty.name == "南郊机械")
        #expect(approvals.first?.approval.supervisingDepartment == "区卫生健康局")
        #expect(rejections.map(\.code) == ["control-character"])
        #expect(rejections.first?.message == "source field 'name' holds U+0000 (a control character) at character 2")
    }

    /// XML cannot hold a control character (the parser refuses the document); the invisible ones go as in every format.
    @Test func xmlValuesFollowTheSameRule() throws {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><DATA><ROW><id>K&#xFEFF;1</id><name>南郊&#x200C;机械</name>"
            + "<dept>区卫生健康局&#x200D;</dept></ROW></DATA>"
        let (approvals, rejections) = try Self.map(format: "{type: xml, record_path: DATA/ROW}", name: "in.xml", xml)
        #expect(rejections.isEmpty)
        #expect(approvals.map(\.key) == ["m:K1"])
        #expect(approvals.first?.approval.supervisingDepartment == "区卫生健康局")
    }

    @Test func theRuleByCharacter() throws {
        #expect(SourceText.isClean("区卫生健康局，“甲”·乙…\t\r\n"))
        #expect(!SourceText.isClean("a\u{200B}") && !SourceText.isClean("\u{FEFF}a") && !SourceText.isClean("a\u{7F}"))
        #expect(SourceText.isClean("a\u{85}b"))  // NEL is a line end, not refused
        #expect(!SourceText.isClean("a\u{9F}b"))
        #expect(try SourceText.cleaned("a\u{2060}b\u{200D}").get() == "ab")
        #expect(SourceText.name(" 区卫生健康局\u{200B} ") == "区卫生健康局")
        if case .failure(let f) = SourceText.cleaned("ab\u{1B}") { #expect(f.character.description == "U+001B (a control character) at character 3") } else {
            Issue.record("ESC accepted")
        }
    }

    /// The byte-wise test (eight bytes at a time) says what a test of every character says, for any text.
    @Test func theFastTestAgreesWithTheRuleByCharacter() async {
        let pieces = ["a", "甲", "，", "\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{0}", "\t", "\n", "\r", "\u{1B}",
                      "\u{7F}", "\u{85}", "\u{9F}", "·", "—", "…", "“", "\u{2061}", "\u{200A}", "\u{FEFE}", "１", "0123456"]
        await propertyCheck(count: 3000, input: Gen.int(in: 0...(pieces.count - 1)).array(of: 0...24)) { indexes in
            let text = indexes.map { pieces[$0] }.joined()
            let byCharacter = !text.unicodeScalars.contains { SourceText.isControl($0) || SourceText.isInvisible($0) }
            #expect(SourceText.isClean(text) == byCharacter, "\(text.unicodeScalars.map(\.value))")
        }
    }
}
