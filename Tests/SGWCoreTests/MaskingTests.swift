import SGWCore
import SGWTesting
import Testing

/// Masking hides a person's ID number and phone wherever they are written, and nothing else: never a part of a
/// longer code (a USCC, a licence number).
@Suite struct MaskingTests {
    @Test(arguments: [
        ("+8613812345678", "+86138****5678"),
        ("138 1234 5678", "138 **** 5678"),
        ("138-1234-5678", "138-****-5678"),
        ("13812345678", "138****5678"),
        ("0086 138 1234 5678", "0086 138 **** 5678"),
        ("370306 19750101 001X", "370306 ******** 001X"),
        ("370306197501010019", "370306********0019"),
        ("370306750101001", "370306******001"),
        ("身份证号370306197501010019已核", "身份证号370306********0019已核"),
        ("'36042619910102009' has 17 characters", "'360426*******2009' has 17 characters"),
    ])
    func personalNumbersInTextAreMasked(_ input: String, _ expected: String) {
        #expect(Masking.text(input) == expected)
    }

    @Test(arguments: [
        "91110000600037341L",  // a USCC: an organisation's code
        "91370306755DCCTM30",
        "危险370306202400721",  // a licence number: its digits hold no birth date
        "ZH审批〔2024〕1号",
        "row 41 (line 42): 2024-09-30",
        "统一社会信用代码 91370306755DCCTM30 is invalid: check-character",
        "A13812345678",  // part of a longer code
        "138123456789",  // 12 digits: no mobile number
    ])
    func codesAndOtherTextAreLeftAlone(_ input: String) {
        #expect(Masking.text(input) == input)
    }

    @Test func aMessageIsMaskedByField() throws {
        let person = Fixtures.person()
        let message = CanonicalMessage.make(body: .supervision(Fixtures.supervision()), key: "k:370306197501010019", profile: "zhoucun",
                                            provenance: Provenance(adapter: "a", source: "s", location: "row 2"))
        #expect(person.idNumber == "11010519491231002X")
        let masked = String(decoding: Masking.message(json: message.jsonBytes()), as: UTF8.self)
        #expect(masked.contains(#""idNumber":"110105********002X""#), "\(masked)")
        #expect(masked.contains(#""contact":"190****6528""#), "\(masked)")
        #expect(!masked.contains("11010519491231002X") && !masked.contains("19061116528"))
        #expect(masked.contains(#""key":"k:370306********0019""#), "\(masked)")
        // Codes of organisations and documents stay whole.
        #expect(masked.contains("特种370306202400001"))
        // Still the same message, its personal fields hidden.
        let decoded = try SGWJSON.decoder.decode(CanonicalMessage.self, from: .init(masked.utf8))
        #expect(decoded.envelope.id == message.envelope.id)

        let organisation = CanonicalMessage.make(body: .approval(Fixtures.approval()), key: "k", profile: "zhoucun",
                                                 provenance: Provenance(adapter: "a", source: "s", location: nil))
        let org = String(decoding: Masking.message(json: organisation.jsonBytes()), as: UTF8.self)
        #expect(org.contains(#""uscc":"91110000600037341L""#), "\(org)")
        #expect(org.contains(#""contact":"138****5678""#), "\(org)")
    }
}
