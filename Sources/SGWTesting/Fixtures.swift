import Foundation
public import SGWCore

/// Sample messages for tests: valid by default, so a test changes the one field it is about.
public enum Fixtures {
    /// An organisation with a valid USCC (a CREDIT.md example).
    public static func organisation(name: String = "淄博南郊机械制造股份有限公司", uscc: String? = "91110000600037341L") -> Counterparty {
        Counterparty(kind: .organisation, name: name, uscc: uscc, legalRepresentative: "夏凤", contact: "13812345678",
                     address: "王村镇58号")
    }

    /// A natural person with a valid citizen ID number (a CREDIT.md example).
    public static func person(idNumber: String? = "11010519491231002X") -> Counterparty {
        Counterparty(kind: .naturalPerson, name: "雷山建", idType: .citizenID, idNumber: idNumber, contact: "19061116528")
    }

    /// `approval` as a 曲阜 message from row `row` of `f.csv`, received at `at` (ISO 8601).
    public static func qufuApproval(_ approval: Approval, key: String = "m:X1", at: String = "2026-09-30T02:00:00Z",
                                    row: Int = 2) -> CanonicalMessage {
        CanonicalMessage.make(body: .approval(approval), key: key, profile: "qufu",
                              provenance: Provenance(adapter: "a", source: "f.csv", location: "row \(row)"),
                              receivedAt: ShanghaiTime.parseInstant(at)!)
    }

    /// A valid approval.
    public static func approval(counterparty: Counterparty = organisation(), content: String = "经营项目：物流，预包装食品销售",
                                supervisingDepartment: String? = "区水利局") -> Approval {
        Approval(
            itemName: "城镇污水排入排水管网许可", documentNumber: "ZH审批〔2024〕1号", licenceNumber: "城镇370306202400001",
            counterparty: counterparty, decisionDate: LocalDate("2024-09-30")!,
            validity: Validity(from: LocalDate("2024-09-30")!, to: LocalDate("2029-09-29")!),
            content: content, supervisingDepartment: supervisingDepartment)
    }

    /// A valid suspension.
    public static func supervision() -> Supervision {
        Supervision(kind: .suspension, documentNumber: "周市场罚〔2024〕1号", counterparty: person(),
                    decisionDate: LocalDate("2024-09-06")!, basisAndResult: "依据《行政许可法》第七十条，责令停产停业",
                    relatedLicence: "特种370306202400001", department: "区市场监督管理局")
    }

    /// A valid 双公示 licence record.
    public static func creditLicence(
        counterparty: Counterparty = organisation(), category: LicenceCategory = LicenceCategory(rawValue: "普通"),
        authority: Organisation = Organisation(name: "淄博市周村区行政审批服务局", uscc: "121200004013590816"),
        certificateName: String? = nil, remarks: String? = nil
    ) -> CreditLicence {
        CreditLicence(
            counterparty: counterparty, documentName: "准予行政许可决定书", documentNumber: "ZH审批〔2024〕1号",
            category: category, certificateName: certificateName, licenceNumber: "城镇370306202400001",
            content: "城镇污水排入排水管网许可", decisionDate: LocalDate("2024-09-30")!,
            validity: Validity(from: LocalDate("2024-09-30")!, to: nil), authority: authority, status: "有效",
            dataSource: Organisation(name: "淄博市周村区行政审批服务局", uscc: "121200004013590816"), remarks: remarks)
    }

    /// A valid 双公示 penalty record.
    public static func creditPenalty() -> CreditPenalty {
        CreditPenalty(
            counterparty: organisation(), documentNumber: "聊教育罚〔2024〕45号", violationType: "违反卫生管理规定",
            facts: "经现场检查发现当事人擅自变更经营场所", basis: "《中华人民共和国行政许可法》第八十一条",
            categories: [.fine], content: "罚款，罚款人民币5000元", fine: Amount("0.5"),
            decisionDate: LocalDate("2024-09-25")!, validUntil: LocalDate("2025-09-25")!,
            authority: Organisation(name: "聊城市教育和体育局", uscc: "11420000MB15291767"),
            dataSource: Organisation(name: "聊城市教育和体育局", uscc: "11420000MB15291767"))
    }

    /// A valid inspection result (聊城 art. 19.1).
    public static func inspection(relatedLicence: String? = nil) -> Inspection {
        Inspection(itemName: "食品经营许可事后检查", result: "不合格，责令限期整改", documentNumber: "聊市监检〔2024〕12号",
                   counterparty: organisation(), decisionDate: LocalDate("2024-10-09")!,
                   authority: Organisation(name: "聊城市市场监督管理局", uscc: "11420000MB15291767"), relatedLicence: relatedLicence)
    }

    /// A mapping of one supervision message per record, keyed by source field `a`, reading `dept` (required): the
    /// smallest mapping that tests of hostile files read their records through.
    public static let supervisionMapping = """
        profile: zhoucun
        key: [a]
        messages:
          - kind: supervision
            fields:
              kind: {const: training}
              decisionDate: {const: '2024-09-01'}
              basisAndResult: {template: "{a}"}
              department: {from: dept, checks: [required]}
        """
}
