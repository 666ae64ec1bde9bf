import Foundation
import PropertyBased
@testable import SGWCore
import SGWTesting
import Testing

/// The hand-written canonical JSON is byte for byte what JSONEncoder (sorted keys) writes, so hashes and the
/// documented form do not depend on which of the two wrote a message.
@Suite struct MessageJSONTests {
    /// A known answer (FIPS 180-2, "abc"): the hex is written by hand, so pin it to the standard's value.
    @Test func contentHashIsTheStandardSHA256() {
        #expect(ContentHash.sha256(Array("abc".utf8)) == "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(ContentHash.sha256(Data("abc".utf8)) == ContentHash.sha256(Array("abc".utf8)))
    }

    static func bodies() -> [MessageBody] {
        let base = Fixtures.approval()
        let a = Approval(
            itemName: base.itemName, itemCode: "X", documentNumber: base.documentNumber, documentName: "D",
            licenceNumber: base.licenceNumber, licenceName: "L", category: LicenceCategory(rawValue: "普通"),
            counterparty: Counterparty(
                kind: .organisation, name: "甲\"乙\\丙\n丁\t/", uscc: "91110000600037341L",
                otherCodes: .init(businessRegistration: "370306000012345", organizationCode: "60003734-1"),
                idType: .passport, idNumber: "E123", legalRepresentative: "夏凤", legalRepresentativeIDType: .citizenID,
                legalRepresentativeIDNumber: "11010519491231002X", contact: "13812345678", address: "王村镇58号"),
            decisionDate: base.decisionDate, validity: base.validity, content: base.content,
            authority: Organisation(name: "局", uscc: "121200004013590816"), supervisingDepartment: base.supervisingDepartment,
            comprehensiveLicence: ComprehensiveLicence(number: "Z1", name: "综合", integratedItems: ["a", "b"]),
            commitment: Commitment(letterReference: "CN1", date: LocalDate("2024-01-02"), verification: .broken,
                                   verifiedOn: LocalDate("2024-01-20"), verificationNote: "虚假承诺"),
            riskPoints: ["r1", "\u{1}ctl"], changeDecision: ChangeDecision(request: "石市监函〔2024〕1号", action: .revoke, outcome: .granted),
            remarks: "备注")
        var s = Fixtures.supervision()
        s.changeAction = .cancel
        s.evidence = [.init(title: "t", reference: "r")]
        s.publicationDate = LocalDate("2024-09-08")
        var p = Fixtures.creditPenalty()
        p.confiscated = Amount("1.25"); p.publicUntil = LocalDate("2025-01-01"); p.suspendedOrRevokedLicence = "证"; p.remarks = "r"
        p.categories = [.fine, .revocation]
        let l = Fixtures.creditLicence(certificateName: "证书", remarks: "r")
        return [.approval(a), .approval(Fixtures.approval()), .supervision(s), .supervision(Fixtures.supervision()),
                .creditLicence(l), .creditPenalty(p), .creditInspection(Fixtures.inspection(relatedLicence: "食品371502202400001")),
                .creditInspection(Fixtures.inspection())]
    }

    @Test(arguments: 0..<8)
    func writerMatchesJSONEncoder(_ i: Int) throws {
        let body = Self.bodies()[i]
        let message = CanonicalMessage.make(body: body, key: "k:1", profile: "zhoucun",
                                                provenance: Provenance(adapter: "a", source: "s", location: "row 2"),
                                                receivedAt: ShanghaiTime.parseInstant("2026-11-23T14:55:00.123Z")!)
        let expected = try SGWJSON.canonicalEncoder.encode(message)
        #expect(String(decoding: message.jsonBytes(), as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    }

    /// The word-at-a-time scan (two words a step, then a word, then bytes) finds each byte value that needs an escape,
    /// and no other, at every position of a 44-byte value (two steps, a word and four bytes, so that every lane of each
    /// is tried), and of every shorter value the position ends.
    @Test func escapeScanFindsEveryByteThatNeedsAnEscapeAtEveryPosition() {
        for byte in 0...255 {
            let escaped = byte < 0x20 || byte == 0x22 || byte == 0x5C
            for position in 0..<44 {
                for count in [position + 1, 44] {
                    var value = [UInt8](repeating: UInt8(ascii: "a"), count: count)
                    value[position] = UInt8(byte)
                    let found = value.withUnsafeBufferPointer(JSONWriter.needsEscape)
                    #expect(found == escaped, "byte \(byte) at \(position) of \(count)")
                }
            }
        }
    }

    /// Dates are written in one piece for years 0–9999 and by `appendISO` otherwise: both as the encoder writes them.
    /// Day numbers: year -1, 0000-01-01, 0999-12-31, 1970-01-01, 2024-02-29, 9999-12-31, 10000-01-01.
    @Test(arguments: [-719_893, -719_528, -354_286, 0, 19_782, 2_932_896, 2_932_897])
    func dateIsWrittenLikeJSONEncoder(_ dayNumber: Int) throws {
        let date = LocalDate(dayNumber: dayNumber)
        var w = JSONWriter()
        w.open()
        w.date("d", date)
        w.close()
        let expected = try SGWJSON.canonicalEncoder.encode(["d": date])
        #expect(String(decoding: w.bytes, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    }

    @Test func anyTextIsEscapedLikeJSONEncoder() async {
        await propertyCheck(input: Gen.unicodeScalar(in: "\u{0}"..."\u{D7FF}").map { Character($0) }.string(of: 0...20)) { text in
            var w = JSONWriter()
            w.string(text)
            let expected = try? SGWJSON.canonicalEncoder.encode([text])
            #expect("[" + String(decoding: w.bytes, as: UTF8.self) + "]" == expected.map { String(decoding: $0, as: UTF8.self) })
        }
    }
}
