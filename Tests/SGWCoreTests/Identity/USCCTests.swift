import SGWCore
import Testing

@Suite struct USCCTests {
    @Test(arguments: ["91110000600037341L", "121200004013590816", "92340602MA2PBMEM24", "11420000MB15291767"])
    func creditDocumentExamplesAreValid(_ code: String) {
        #expect(USCC.check(code).isValid)
    }

    @Test func wrongCheckCharacterNamesTheExpectedOne() {
        let result = USCC.check("91110000600037341N")
        #expect(result.failure?.reason == "check-character")
        #expect(result.failure?.detail == "expected L, found N")
    }

    @Test func inputIsTrimmedAndUpperCased() {
        let result = USCC.check("  92340602ma2pbmem24\t")
        #expect(result.isValid)
        #expect(result.normalized == "92340602MA2PBMEM24")
        #expect(USCC.check("\u{3000}91110000600037341L\u{3000}").isValid)
    }

    @Test(arguments: [
        ("", "empty"), ("9111000060003734", "length"), ("91110000600037341LL", "length"),
        ("91110000600037341O", "character"), ("9111000060003734IL", "character"), ("９1110000600037341L", "character"),
        ("91110000-00037341L", "character"),
    ])
    func malformedCodesSayWhy(_ code: String, _ reason: String) {
        #expect(USCC.check(code).failure?.reason == reason)
    }

    @Test func organisationCodeInsideIsChecked() {
        // Positions 9–17 changed and the USCC check character recomputed: only the inner GB 11714 check fails.
        let result = USCC.check("91110000600037342P")
        #expect(result.failure?.reason == "organization-code")
        #expect(USCC.organizationCode(of: "91110000600037341L") == "600037341")
    }

    @Test func standaloneOrganisationCodes() {
        #expect(OrganizationCode.check("60003734-1").isValid)
        #expect(OrganizationCode.check("MA2PBMEM2").isValid)
        #expect(OrganizationCode.check("600037342").failure?.reason == "check-character")
        #expect(OrganizationCode.check("6000").failure?.reason == "length")
    }

    @Test func garbageNeverCrashes() {
        for text in ["\u{0}\u{1}\u{2}", String(repeating: "9", count: 100_000), "🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂", "\u{FFFD}"] {
            #expect(!USCC.check(text).isValid)
        }
    }
}
