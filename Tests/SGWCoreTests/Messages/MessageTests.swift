import Foundation
@testable import SGWCore
import SGWTesting
import Testing

@Suite struct MessageTests {
    @Test func validFixturesHaveNoRejections() {
        #expect(Fixtures.approval().rejections().isEmpty)
        #expect(Fixtures.supervision().rejections().isEmpty)
        #expect(Fixtures.creditLicence().rejections().isEmpty)
        #expect(Fixtures.creditPenalty().rejections().isEmpty)
        #expect(Fixtures.inspection().rejections().isEmpty)
        var unnamed = Fixtures.inspection()
        unnamed.authority = Organisation(name: " ")
        unnamed.result = ""
        #expect(Set(unnamed.rejections().map(\.field)) == ["authority.name", "result"])
    }

    @Test func approvalRequiredFields() {
        // No item name, neither number, a blank name with a wrong USCC, the validity out of order.
        let a = Approval(itemName: "", counterparty: Fixtures.organisation(name: " ", uscc: "91110000600037341N"),
                         decisionDate: LocalDate("2024-09-30")!,
                         validity: Validity(from: LocalDate("2024-09-30")!, to: LocalDate("2024-09-01")!), content: "经营项目：物流")
        let byField = Dictionary(grouping: a.rejections(), by: \.field)
        #expect(byField["itemName"]?.first?.code == .required)
        #expect(byField["documentNumber"]?.first?.code == .required)
        #expect(byField["counterparty.name"]?.first?.code == .required)
        #expect(byField["counterparty.uscc"]?.first?.code == .invalidUSCC)
        #expect(byField["validity.to"]?.first?.code == .dateOrder)
        #expect(byField["counterparty.uscc"]?.first?.message.contains("expected L, found N") == true)
    }

    @Test func naturalPersonsNeedAValidIDNumberAndItIsMaskedInMessages() {
        let missing = Fixtures.approval(counterparty: Fixtures.person(idNumber: nil)).rejections()
        #expect(missing.map(\.field) == ["counterparty.idNumber"])
        let wrong = Fixtures.approval(counterparty: Fixtures.person(idNumber: "36042619910102009X")).rejections()
        #expect(wrong.first?.code == .invalidIDNumber)
        #expect(wrong.first?.message.contains("360426********009X") == true)
        #expect(wrong.first?.message.contains("36042619910102009X") == false)
        let legacy = Fixtures.approval(counterparty: Fixtures.person(idNumber: "110105491231002")).rejections()
        #expect(legacy.first?.code == .legacyIDNumber)
        #expect(legacy.first?.message.contains("11010519491231002X") == false)
    }

    @Test func supervisionKindsDecideWhatIsRequired() {
        var training = Fixtures.supervision()
        training.kind = .training
        training.documentNumber = nil
        training.counterparty = nil
        #expect(training.rejections().isEmpty)
        var suspension = training
        suspension.kind = .suspension
        #expect(Set(suspension.rejections().map(\.field)) == ["documentNumber", "counterparty"])
        var request = Fixtures.supervision()
        request.kind = .changeRequest
        #expect(Set(request.rejections().map(\.field)) == ["changeAction", "evidence"])
        request.changeAction = .revoke
        request.evidence = [.init(title: "现场检查笔录", reference: "周市场检〔2024〕12号")]
        #expect(request.rejections().isEmpty)
    }

    /// A counterparty's fields live in a box its copies share: changing a copy leaves the others as they were, and
    /// equality, hashing and JSON see the fields, not the box.
    @Test func aCounterpartyCopyChangesAlone() throws {
        let original = Fixtures.organisation(name: "淄博萌水物流有限公司", uscc: "91110000600037341N")
        var copy = original
        #expect(copy == original)
        copy.name = "另一公司"
        copy.contact = "0533-1234567"
        #expect(original.name == "淄博萌水物流有限公司" && original.contact == "13812345678")
        #expect(copy.name == "另一公司" && copy.contact == "0533-1234567" && copy.uscc == original.uscc)
        #expect(copy != original)
        var same = copy
        same.name = "另一公司"  // a change to an equal value, in a box of its own now
        #expect(same == copy && same.hashValue == copy.hashValue)
        let rebuilt = Counterparty(kind: copy.kind, name: copy.name, uscc: copy.uscc, legalRepresentative: copy.legalRepresentative,
                                   contact: copy.contact, address: copy.address)
        #expect(rebuilt == copy && Set([rebuilt, copy, original]).count == 2)
        #expect(String(describing: copy).contains("另一公司"))  // the fields, not the box
        let decoded = try JSONDecoder().decode(Counterparty.self, from: JSONEncoder().encode(copy))
        #expect(decoded == copy)
        var w = JSONWriter()
        copy.write(to: &w)
        #expect(String(decoding: w.bytes, as: UTF8.self) == #"{"address":"王村镇58号","contact":"0533-1234567","kind":"organisation","legalRepresentative":"夏凤","name":"另一公司","uscc":"91110000600037341N"}"#)
    }

    @Test func creditRecordsFollowTheDoubleDisclosureRules() {
        var party = Fixtures.organisation()
        party.legalRepresentative = nil
        let authority = Organisation(name: "淄博市周村区行政审批服务局")
        let licence = Fixtures.creditLicence(counterparty: party, category: LicenceCategory(rawValue: "特别"), authority: authority)
        #expect(Set(licence.rejections().map(\.field)) == ["counterparty.legalRepresentative", "category", "authority.uscc"])
        let other = Fixtures.creditLicence(counterparty: party, category: LicenceCategory(rawValue: "其他-备案"), authority: authority)
        #expect(!other.rejections().map(\.field).contains("category"))

        var penalty = Fixtures.creditPenalty()
        penalty.fine = nil
        penalty.categories = PenaltyCategory.split("罚款；没收摩托车")
        penalty.validUntil = LocalDate("2024-01-01")!
        #expect(Set(penalty.rejections().map(\.field)) == ["fine", "categories[1]", "validUntil"])
        #expect(PenaltyCategory.split("吊销许可证件;通报批评") == [.revocation, PenaltyCategory(rawValue: "通报批评")])
        penalty.categories = [.revocation]
        #expect(penalty.concernsALicence)
    }

    @Test func openEndedValidity() {
        let v = Validity(from: LocalDate("2024-10-21")!, to: LocalDate("2099-12-31")!)
        #expect(v.isOpenEnded)
        #expect(v.toForCredit == LocalDate("2099-12-31"))
    }

    @Test func amountsParseStrictly() {
        #expect(Amount("0.5")?.description == "0.5")
        #expect(Amount("5000")?.description == "5000")
        #expect(Amount("0.1234567") == nil)
        #expect(Amount("-1") == nil)
        #expect(Amount("1e3") == nil)
        #expect(Amount("") == nil)
    }

    @Test(arguments: MessageKind.allCases)
    func jsonRoundTripsAndHashIsStable(_ kind: MessageKind) throws {
        let body: MessageBody = switch kind {
        case .approval: .approval(Fixtures.approval())
        case .supervision: .supervision(Fixtures.supervision())
        case .creditLicence: .creditLicence(Fixtures.creditLicence())
        case .creditPenalty: .creditPenalty(Fixtures.creditPenalty())
        case .creditInspection: .creditInspection(Fixtures.inspection())
        }
        let message = CanonicalMessage.make(
            body: body, key: "zhoucun-licences:ZH审批〔2024〕1号", profile: "zhoucun",
            provenance: Provenance(adapter: "zhoucun-licences", source: "inbox/a.csv", location: "row 2"),
            receivedAt: ShanghaiTime.parseInstant("2026-11-23T14:55:00.123Z")!)
        let data = try SGWJSON.canonicalEncoder.encode(message)
        let decoded = try SGWJSON.decoder.decode(CanonicalMessage.self, from: data)
        #expect(decoded == message)
        #expect(decoded.body.contentHash() == message.envelope.contentHash)
        #expect(message.envelope.contentHash.hasPrefix("sha256:") && message.envelope.contentHash.count == 71)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"receivedAt\":\"2026-11-23T14:55:00.123Z\""))
        #expect(text.contains("\"kind\":\"\(kind.rawValue)\""))
    }

    @Test func hashChangesWithContentOnly() throws {
        let a = MessageBody.approval(Fixtures.approval())
        let changed = Fixtures.approval(content: Fixtures.approval().content + "。")
        #expect(a.contentHash() == MessageBody.approval(Fixtures.approval()).contentHash())
        #expect(a.contentHash() != MessageBody.approval(changed).contentHash())
    }

    @Test func messageIDsAreVersion7AndSortByTime() {
        let a = MessageID.make(milliseconds: 1_700_000_000_000)
        let b = MessageID.make(milliseconds: 1_700_000_000_001)
        #expect(a < b)
        let chars = Array(a.rawValue)
        #expect(chars.count == 36 && chars[14] == "7" && "89ab".contains(chars[19]))
    }

    /// The id's text is the 128 bits in order: 48 of time, version 7, 12 bits, variant 10, 62 bits.
    @Test func messageIDTextIsItsBitsInOrder() {
        #expect(MessageID(MessageID.Bits(milliseconds: 0x0123_4567_89AB, randA: 0xCDE, randB: 0x0F1E_2D3C_4B5A_6978)).rawValue
                == "01234567-89ab-7cde-8f1e-2d3c4b5a6978")
        #expect(MessageID(MessageID.Bits(milliseconds: 0, randA: 0, randB: 0)).rawValue == "00000000-0000-7000-8000-000000000000")
        #expect(MessageID(MessageID.Bits(milliseconds: 0xFFFF_FFFF_FFFF, randA: 0xFFFF, randB: .max)).rawValue
                == "ffffffff-ffff-7fff-bfff-ffffffffffff")
    }

    /// Bulk ids stamped with one time still increase, so that the indexes on them grow at their end; the
    /// version and variant bits stay right; a clock that goes back does not break the order.
    @Test func bulkIdsIncreaseWithinOneMillisecond() {
        for seed in [1, 2, 0xFFFF_FFFF_FFFF_FFFF] as [UInt64] {
            var ids = MessageIDGenerator(seed: seed)
            var previous = ids.make(milliseconds: 1_700_000_000_000)
            for i in 0..<5_000 {
                let ms: UInt64 = i < 4_000 ? 1_700_000_000_000 : (i < 4_500 ? 1_700_000_000_007 : 1_700_000_000_003)
                let id = ids.make(milliseconds: ms)
                #expect(previous < id, "\(previous) then \(id)")
                let chars = Array(id.rawValue)
                #expect(chars.count == 36 && chars[14] == "7" && "89ab".contains(chars[19]))
                previous = id
            }
            #expect(previous.rawValue.hasPrefix("018bcfe5-6807"))  // still on the 7th millisecond
        }
    }
}
