@testable import SGWCore
import SGWTesting
import Testing

/// A 双公示 record derived from an approval that passed its own rules has its counterparty checked only for what the
/// credit rules add; it must be rejected exactly as the full rules reject it.
@Suite struct DerivedRecordRulesTests {
    static let withoutRepresentative = Counterparty(kind: .organisation, name: "淄博南郊机械制造股份有限公司",
                                                    uscc: "91110000600037341L")

    @Test(arguments: [Fixtures.organisation(), Fixtures.person(), withoutRepresentative])
    func aRecordOfTheApprovalsCounterpartyIsRejectedAsByTheFullRules(_ counterparty: Counterparty) {
        let approval = Fixtures.approval(counterparty: counterparty)
        #expect(approval.rejections().isEmpty)
        let record = Fixtures.creditLicence(counterparty: approval.counterparty)
        #expect(record.rejections(derivedFromChecked: approval) == record.rejections())
    }

    @Test func theLegalRepresentativeTheCreditRulesAddIsStillRequired() {
        let approval = Fixtures.approval(counterparty: Self.withoutRepresentative)
        let record = Fixtures.creditLicence(counterparty: approval.counterparty)
        #expect(record.rejections(derivedFromChecked: approval).map(\.field) == ["counterparty.legalRepresentative"])
    }

    /// What decides is the counterparty's value, not which copy it is: one built apart with the same fields is
    /// treated as the approval's, and both give the full rules' answer.
    @Test(arguments: [Fixtures.organisation(), Fixtures.person(), withoutRepresentative])
    func anEqualCounterpartyBuiltApartIsTreatedAsTheApprovals(_ counterparty: Counterparty) {
        let approval = Fixtures.approval(counterparty: counterparty)
        var apart = Counterparty(kind: counterparty.kind, name: counterparty.name)
        apart.uscc = counterparty.uscc
        apart.otherCodes = counterparty.otherCodes
        apart.idType = counterparty.idType
        apart.idNumber = counterparty.idNumber
        apart.legalRepresentative = counterparty.legalRepresentative
        apart.legalRepresentativeIDType = counterparty.legalRepresentativeIDType
        apart.legalRepresentativeIDNumber = counterparty.legalRepresentativeIDNumber
        apart.contact = counterparty.contact
        apart.address = counterparty.address
        #expect(apart == approval.counterparty)
        let own = Fixtures.creditLicence(counterparty: approval.counterparty)
        let built = Fixtures.creditLicence(counterparty: apart)
        #expect(built.rejections(derivedFromChecked: approval) == own.rejections(derivedFromChecked: approval))
        #expect(built.rejections(derivedFromChecked: approval) == built.rejections())
    }

    /// A counterparty that is not the approval's own value (a changed copy) is checked whole: its invalid USCC is
    /// found although the approval's was valid.
    @Test func anotherCounterpartyIsCheckedWhole() {
        let approval = Fixtures.approval()
        let record = Fixtures.creditLicence(counterparty: Fixtures.organisation(uscc: "91110000600037341X"))
        let rejections = record.rejections(derivedFromChecked: approval)
        #expect(rejections == record.rejections())
        #expect(rejections.map(\.field) == ["counterparty.uscc"])
    }

    /// A mapping's authority and data source, checked when it was read, are not checked again; any other is, whole.
    @Test func onlyTheCheckedOrganisationsAreLeftOut() {
        let approval = Fixtures.approval()
        let bureau = Organisation(name: "淄博市周村区行政审批服务局", uscc: "121200004013590816")
        #expect(bureau.passesCreditChecks)
        #expect(!Organisation(name: " ", uscc: "121200004013590816").passesCreditChecks)
        #expect(!Organisation(name: "淄博市周村区行政审批服务局", uscc: "121200004013590810").passesCreditChecks)
        let checked = Fixtures.creditLicence(counterparty: approval.counterparty, authority: bureau)
        #expect(checked.rejections(derivedFromChecked: approval, checkedOrganisations: [bureau]) == checked.rejections())
        // An authority that is not one of them (its USCC's check character wrong) is still rejected.
        let other = Fixtures.creditLicence(counterparty: approval.counterparty,
                                           authority: Organisation(name: "淄博市周村区行政审批服务局", uscc: "121200004013590810"))
        let rejections = other.rejections(derivedFromChecked: approval, checkedOrganisations: [bureau])
        #expect(rejections == other.rejections())
        #expect(rejections.map(\.field).contains("authority.uscc"))
    }
}
