import SGWCore
import Testing

@Suite struct CitizenIDTests {
    let today = LocalDate("2026-11-23")!

    @Test(arguments: ["11010519491231002X", "360426199101010071", "44011320141005001X"])
    func creditDocumentExamplesAreValid(_ number: String) {
        #expect(CitizenID.check(number, today: today).isValid)
    }

    @Test func wrongCheckCharacter() {
        #expect(CitizenID.check("36042619910102009X", today: today).failure?.reason == "check-character")
    }

    @Test func lowerCaseXIsNormalized() {
        let result = CitizenID.check(" 44011320141005001x ", today: today)
        #expect(result.isValid)
        #expect(result.normalized == "44011320141005001X")
    }

    @Test func legacyFifteenDigitNumbersAreRecognisedNotAccepted() {
        let result = CitizenID.check("110105491231002", today: today)
        #expect(result.failure?.reason == "legacy")
        #expect(result.failure?.detail.contains("11010519491231002X") == true)
    }

    @Test(arguments: [
        ("110105194902300020", "birth-date"),  // 30 February
        ("110105203001010010", "birth-date"),  // in the future
        ("110105180001010010", "birth-date"),  // before 1900
        ("000105194912310021", "region"),
        ("11010519491231002A", "character"),
        ("1101051949123100", "length"),
        ("", "empty"),
    ])
    func invalidNumbersSayWhy(_ number: String, _ reason: String) {
        #expect(CitizenID.check(number, today: today).failure?.reason == reason)
    }

    /// An 18-digit number of region 110105 born on `birth`, with its check character (GB 11643, ISO 7064 MOD 11-2).
    static func number(bornOn birth: LocalDate) -> String {
        let body = "110105" + birth.description.replacingOccurrences(of: "-", with: "") + "002"
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(body.utf8, weights).reduce(0) { $0 + Int($1.0 - 0x30) * $1.1 }
        return body + String(Array("10X98765432")[sum % 11])
    }

    /// Without a given day, a birth date is checked against the real today: the day after it is in the future, the day
    /// before it is not (the check reads the clock only for a birth after the day the process started).
    @Test func aBirthAfterTodayIsInTheFutureByTheClock() {
        let today = ShanghaiTime.date(of: .now)
        #expect(CitizenID.check(Self.number(bornOn: today.adding(days: -1))).isValid)
        #expect(CitizenID.check(Self.number(bornOn: today.adding(days: 2))).failure?.reason == "birth-date")
    }

    @Test func birthDateIsRead() {
        #expect(CitizenID.birthDate(of: "11010519491231002X") == LocalDate("1949-12-31"))
    }

    @Test func maskingKeepsRegionAndLastFour() {
        #expect(Masking.idNumber("11010519491231002X") == "110105********002X")
        #expect(Masking.phone("13812345678") == "138****5678")
    }
}
