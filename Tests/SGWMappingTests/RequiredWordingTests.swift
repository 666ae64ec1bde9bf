import Foundation
import SGWCore
@testable import SGWMapping
import SGWTesting
import Testing

/// One rule, one wording: a field that is required and empty is reported the same way whether a mapping's `required`
/// check or the model's own rule finds it: the canonical field first, then what is known of it.
@Suite struct RequiredWordingTests {
    static func rejections(checks: String) throws -> [RecordRejection] {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("mappings/m.yaml", """
            profile: zhoucun
            key: [id]
            messages:
              - kind: approval
                fields:
                  itemName: {const: 城镇污水排入排水管网许可}
                  documentNumber: {const: ZH审批〔2024〕1号}
                  counterparty.kind: {const: organisation}
                  counterparty.name: {from: 行政相对人名称\(checks)}
                  counterparty.uscc: {const: 91110000600037341L}
                  decisionDate: {const: '2024-09-30'}
                  validity.from: {const: '2024-09-30'}
                  content: {const: 经营项目：物流}
            """)
        try dir.write("adapters/a.yaml", "kind: file\nmapping: m\nformat: {type: csv}\nfile: {inbox: .}\n")
        let input = try dir.write("in.csv", "id,行政相对人名称\nK1,\n")
        let (adapter, mapper) = try Workspace.load(directory: dir.path, profiles: ["zhoucun"]).mapper(adapter: "a")
        var out: [RecordRejection] = []
        _ = MapRun.run(adapter: adapter, mapper: mapper, path: input, onMessage: { _ in }, onRejection: { out.append($0) })
        return out
    }

    @Test func theMappingsCheckAndTheModelsRuleSayItAlike() throws {
        let byCheck = try Self.rejections(checks: ", checks: [required]")
        let byRule = try Self.rejections(checks: "")
        #expect(byCheck.map(\.message) == ["counterparty.name is required; source field '行政相对人名称' is empty"])
        #expect(byRule.map(\.message) == ["counterparty.name (行政相对人名称) is required"])
        // The same code and field, and the same words up to what only one of them knows.
        #expect(byCheck.map(\.code) == byRule.map(\.code) && byCheck.map(\.field) == byRule.map(\.field))
    }

    @Test func theFormInFull() {
        #expect(Rejection.required("counterparty.uscc", "统一社会信用代码", when: "for organisations").message
                == "counterparty.uscc (统一社会信用代码) is required for organisations")
        #expect(Rejection.required("decisionDate", "decisionDate", source: "source field '许可日期'").message
                == "decisionDate is required; source field '许可日期' is empty")
        let person = Counterparty(kind: .naturalPerson, name: "雷山建").rejections()
        #expect(person.map(\.message) == ["counterparty.idNumber (证件号码) is required for natural persons"])
    }
}
