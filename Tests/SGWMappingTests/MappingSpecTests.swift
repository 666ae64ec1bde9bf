import Foundation
import SGWCore
import SGWFormats
import SGWMapping
import SGWTesting
import Testing

/// The mapper of `dir`'s `mappings/m.yaml` (written by the caller) behind a CSV adapter `a`; the mapping must load
/// without problems.
private func csvMapper(_ dir: TemporaryDirectory) throws -> Mapper {
    try dir.write("adapters/a.yaml", "kind: file\nmapping: m\nformat: {type: csv}\nfile: {inbox: .}\n")
    let ws = Workspace.load(directory: dir.path, profiles: ["zhoucun"])
    #expect(ws.problems.isEmpty, "\(ws.problems)")
    return try ws.mapper(adapter: "a").1
}

@Suite struct MappingSpecTests {
    @Test func problemsAreReportedWithFileAndLine() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("mappings/bad.yaml", """
            profile: zhoucn
            key: [编号]
            messages:
              - kind: approval
                fields:
                  itemNam: 事项名称
                  decisionDate: {from: 日期, transforms: [dat]}
                  content: {from: 内容, const: x}
              - kind: permit
            checks:
              - date_order: [validity.from, validity.too]
            """)
        try dir.write("adapters/bad.yaml", """
            kind: file
            mapping: bad
            format: {type: csv, encoding: big5}
            file: {inbox: x, token: abc}
            """)
        let ws = Workspace.load(directory: dir.path, profiles: ["zhoucun", "qufu"])
        let text = ws.problems.map(\.description)
        #expect(text.contains("\(file):1: unknown profile 'zhoucn'; did you mean 'zhoucun'? (known: qufu, zhoucun)"))
        #expect(text.contains { $0.hasPrefix("\(file):6: 'itemNam' is not a canonical field of approval messages; did you mean 'itemName'?") })
        #expect(text.contains { $0.hasPrefix("\(file):7: unknown transform 'dat'; did you mean 'date'?") })
        #expect(text.contains("\(file):8: 'content' needs exactly one of from, const and template"))
        #expect(text.contains { $0.hasPrefix("\(file):9: unknown message kind 'permit'") })
        #expect(text.contains("\(file):11: check field 'validity.too' is not a canonical field of any message; did you mean 'validity.to'?"))
        #expect(text.contains { $0.contains("adapters/bad.yaml:3: unknown encoding 'big5'") })
        #expect(text.contains { $0.contains("adapters/bad.yaml:4: unknown key 'token'") })
    }

    /// A record's key: the mapping's name, then its key fields trimmed and joined with `|`, an empty field keeping
    /// its place, `|` and `\` inside a field escaped so that different records never share a key; no key at all
    /// is a rejection.
    @Test(arguments: [
        (["X1", "A", "2"], "m:X1|A|2"),
        ([" X1 ", "", "2"], "m:X1||2"),
        (["", "", "2"], "m:||2"),
        (["a|b", "c\\d", ""], "m:a\\|b|c\\\\d|"),
        (["", " ", ""], nil),
    ] as [([String], String?)])
    func aKeyIsItsFieldsJoined(values: [String], key: String?) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("mappings/m.yaml", """
            profile: zhoucun
            key: [编号, 分号, 序号]
            messages:
              - kind: approval
                fields:
                  itemName: {const: 许可}
                  licenceNumber: {const: L1}
                  counterparty.name: {const: 甲公司}
                  counterparty.uscc: {const: 92340602MA2PBMEM24}
                  decisionDate: {const: "2024-09-01"}
                  validity.from: {const: "2024-09-01"}
                  content: {const: 经营}
            """)
        let mapper = try csvMapper(dir)
        let record = RawRecord(names: FieldNames(["编号", "分号", "序号"]), values: values, location: RecordLocation(.row, 2))
        switch mapper.map(record, source: "f", receivedAt: .now) {
        case .messages(let ms):
            #expect(ms.count == 1)
            #expect(ms.first?.envelope.key == key)
        case .rejected(let rs):
            #expect(key == nil)
            #expect(rs.map(\.message) == ["the key fields are all empty: the record cannot be identified"])
        }
    }

    @Test func aRecordIsMappedWholeOrRejectedWhole() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("mappings/m.yaml", """
            profile: zhoucun
            key: [编号]
            messages:
              - kind: approval
                fields:
                  itemName: 事项
                  licenceNumber: 编号
                  counterparty.name: 名称
                  counterparty.uscc: {from: 代码, transforms: [upper], checks: [uscc]}
                  decisionDate: {from: 日期, transforms: [date]}
                  validity.from: {from: 日期, transforms: [date]}
                  content: {const: 经营}
            """)
        let mapper = try csvMapper(dir)
        let names = FieldNames(["事项", "编号", "名称", "代码", "日期"])
        func record(_ values: [String]) -> RawRecord { RawRecord(names: names, values: values, location: RecordLocation(.row, 2)) }
        guard case .messages(let ms) = mapper.map(record(["许可", "X1", "甲公司", "92340602ma2pbmem24", "2024年9月1日"]), source: "f", receivedAt: .now) else {
            Issue.record("expected a message"); return
        }
        #expect(ms.count == 1)
        #expect(ms[0].envelope.key == "m:X1")
        #expect(ms[0].envelope.provenance.location == "row 2")
        if case .approval(let a) = ms[0].body {
            #expect(a.counterparty.kind == .individualBusiness)  // decided by the 92 prefix
            #expect(a.decisionDate == LocalDate("2024-09-01"))
        }
        guard case .rejected(let rs) = mapper.map(record(["许可", "X2", "", "91110000600037341N", "2024-02-30"]), source: "f", receivedAt: .now) else {
            Issue.record("expected rejections"); return
        }
        #expect(Set(rs.map(\.field)) == ["counterparty.uscc", "decisionDate", "validity.from", "counterparty.name"])
    }
}

@Suite struct MapperValueTests {
    /// A mapping using fallbacks, a condition, a template and identity checks, and a record maker for it.
    static func mapper(_ dir: TemporaryDirectory) throws -> Mapper {
        try dir.write("mappings/m.yaml", """
            profile: zhoucun
            key: [编号]
            messages:
              - kind: approval
                fields:
                  itemName: 事项
                  licenceNumber: 编号
                  counterparty.name: {from: 名称, checks: [required]}
                  counterparty.uscc: {from: 代码, checks: [uscc]}
                  counterparty.idNumber: {from: 证件, when: {field: 类别, any_of: [自然人]}, checks: [id_number]}
                  counterparty.address: {from: [地址, 备用地址]}
                  decisionDate: {from: 日期, transforms: [date]}
                  validity.from: {from: 日期, transforms: [date]}
                  content: {template: "{内容}；{备注}", checks: [required]}
            """)
        return try csvMapper(dir)
    }

    static func record(_ v: [String: String]) -> RawRecord {
        let names = ["事项", "编号", "名称", "代码", "类别", "证件", "地址", "备用地址", "日期", "内容", "备注"]
        let defaults = ["事项": "许可", "编号": "X1", "名称": "张三", "日期": "2024-09-01", "内容": "经营"]
        return RawRecord(names: FieldNames(names), values: names.map { v[$0] ?? defaults[$0] ?? "" }, location: RecordLocation(.row, 2))
    }

    @Test func blankCellsCountAsEmpty() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let mapper = try Self.mapper(dir)
        // A blank first source falls back to the next; a condition is judged on the trimmed value.
        guard case .messages(let ms) = mapper.map(Self.record(["地址": "  ", "备用地址": "周村区", "类别": " 自然人 ",
                                                                "证件": "11010519491231002X"]), source: "f", receivedAt: .now),
              case .approval(let a) = ms.first?.body else { Issue.record("expected an approval"); return }
        #expect(a.counterparty.address == "周村区")
        #expect(a.counterparty.idNumber == "11010519491231002X")
        // A blank required value, and a template whose fields are all empty, are missing.
        guard case .rejected(let rs) = mapper.map(Self.record(["名称": " ", "内容": "", "证件": "", "代码": "91110000600037341L"]),
                                                  source: "f", receivedAt: .now) else { Issue.record("expected rejections"); return }
        // The mapping's own `required` says so (the model would reject an empty name too, in other words).
        #expect(rs.contains { $0.field == "counterparty.name" && $0.message.contains("source field '名称' is empty") })
        #expect(rs.contains { $0.field == "content" })
    }

    @Test func identityCodesAreKeptInTheirCanonicalForm() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let mapper = try Self.mapper(dir)
        // Accepted by the checks as written (lower case, padded), kept as the standard writes them: the 92 prefix
        // then decides the kind.
        guard case .messages(let ms) = mapper.map(Self.record(["代码": " 92340602ma2pbmem24"]), source: "f", receivedAt: .now),
              case .approval(let a) = ms.first?.body else { Issue.record("expected an approval"); return }
        #expect(a.counterparty.uscc == "92340602MA2PBMEM24")
        #expect(a.counterparty.kind == .individualBusiness)
        guard case .messages(let ps) = mapper.map(Self.record(["类别": "自然人", "证件": "11010519491231002x"]), source: "f", receivedAt: .now),
              case .approval(let p) = ps.first?.body else { Issue.record("expected an approval"); return }
        #expect(p.counterparty.idNumber == "11010519491231002X")
    }

    @Test func rejectionsNeverShowPersonalData() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let mapper = try Self.mapper(dir)
        // An ID number typed into the USCC column, a legacy 15-digit number: neither is printed, nor its birth date.
        for (values, secret) in [(["代码": "370306199409160296"], "199409160296"),
                                 (["类别": "自然人", "证件": "370306940916029"], "940916")] {
            guard case .rejected(let rs) = mapper.map(Self.record(values), source: "f", receivedAt: .now) else {
                Issue.record("expected a rejection for \(values)"); continue
            }
            for r in rs {
                #expect(!r.message.contains(secret) && !r.message.contains("1994-09-16"), "\(r.message)")
            }
        }
    }
}

@Suite struct CreditDerivationTests {
    /// A mapping deriving credit.licence records, with `extra` added to its `credit_licence:` block.
    static func mapper(_ dir: TemporaryDirectory, extra: String = "") throws -> Mapper {
        try dir.write("mappings/m.yaml", """
            profile: zhoucun
            key: [编号]
            messages:
              - kind: approval
                fields:
                  itemName: 事项
                  licenceNumber: 编号
                  counterparty.name: 名称
                  counterparty.uscc: 代码
                  counterparty.legalRepresentative: 法人
                  decisionDate: {from: 日期, transforms: [date]}
                  validity.from: {from: 日期, transforms: [date]}
                  content: {const: 经营}
            credit_licence:
              authority: {name: 审批局, uscc: 11370306MB2853226M}
            \(extra)
            """)
        return try csvMapper(dir)
    }

    static func record(_ values: [String]) -> RawRecord {
        RawRecord(names: FieldNames(["事项", "编号", "名称", "代码", "法人", "日期"]), values: values, location: RecordLocation(.row, 2))
    }

    @Test func eachApprovalBringsItsCreditRecordOrTheRecordIsRejected() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let mapper = try Self.mapper(dir)
        let record = Self.record
        guard case .messages(let ms) = mapper.map(record(["许可", "X1", "甲公司", "91110000600037341L", "张三", "2024-09-01"]), source: "f", receivedAt: .now) else {
            Issue.record("expected messages"); return
        }
        #expect(ms.map(\.envelope.kind) == [.approval, .creditLicence])
        if case .creditLicence(let c) = ms[1].body {
            #expect(c.documentNumber == "X1" && c.authority.uscc == "11370306MB2853226M" && c.status == "有效" && c.category.rawValue == "普通")
        }
        // An organisation without a legal representative cannot be published: the whole record is rejected.
        guard case .rejected(let rs) = mapper.map(record(["许可", "X2", "乙公司", "91110000600037341L", "", "2024-09-01"]), source: "f", receivedAt: .now) else {
            Issue.record("expected a rejection"); return
        }
        #expect(rs.map(\.field) == ["credit.licence.counterparty.legalRepresentative"])
    }

    /// With `when_incomplete: hold` the approval is kept and its 双公示 record comes out marked incomplete.
    @Test func aHeldRecordKeepsItsApprovalAndSaysWhatIsMissing() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let mapper = try Self.mapper(dir, extra: "  when_incomplete: hold")
        guard case .messages(let ms) = mapper.map(Self.record(["许可", "X2", "乙公司", "91110000600037341L", "", "2024-09-01"]),
                                                  source: "f", receivedAt: .now) else {
            Issue.record("expected messages"); return
        }
        #expect(ms.map(\.envelope.kind) == [.approval, .creditLicence])
        #expect(ms[0].envelope.incomplete == nil)
        #expect(ms[1].envelope.incomplete == "counterparty.legalRepresentative (法定代表人) is required for organisations")
        guard case .messages(let complete) = mapper.map(Self.record(["许可", "X3", "丙公司", "91110000600037341L", "李四", "2024-09-01"]),
                                                        source: "f", receivedAt: .now) else {
            Issue.record("expected messages"); return
        }
        #expect(complete.allSatisfy { $0.envelope.incomplete == nil })
    }

    /// The problems of a mapping whose `credit_licence:` block is `block`, and the mapping file's path.
    static func problems(creditLicence block: String) throws -> (file: String, problems: [String]) {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("mappings/m.yaml", """
            profile: zhoucun
            key: [编号]
            messages:
              - kind: approval
                fields: {itemName: 事项}
            credit_licence:
            \(block)
            """)
        return (file, Workspace.load(directory: dir.path, profiles: ["zhoucun"]).problems.map(\.description))
    }

    @Test func anUnknownWhenIncompleteIsAProblem() throws {
        let (file, problems) = try Self.problems(creditLicence: """
              authority: {name: 审批局, uscc: 11370306MB2853226M}
              when_incomplete: skip
            """)
        #expect(problems.contains("\(file):8: 'credit_licence.when_incomplete' must be reject or hold"))
    }

    @Test func aBadAuthorityCodeIsAProblem() throws {
        let (file, problems) = try Self.problems(creditLicence: "  authority: {name: 审批局, uscc: 11370306MB2853226X}")
        #expect(problems.contains { $0.hasPrefix("\(file):7: 'credit_licence.authority.uscc' 11370306MB2853226X is not a valid USCC") })
    }
}
