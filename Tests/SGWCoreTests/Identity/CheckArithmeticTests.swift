@testable import SGWCore
import Testing

/// The identity checks compute their standards' tables (character values, weights, check characters, provinces)
/// instead of looking them up; each computation is compared here with the table as the standard prints it.
@Suite struct CheckArithmeticTests {
    @Test func usccCharacterValuesAreTheirPlacesInTheAlphabet() {
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".utf8)
        for b in UInt8.min...UInt8.max {
            #expect(USCC.value(of: b) == alphabet.firstIndex(of: b) ?? -1, "byte \(b)")
        }
    }

    /// A code with value 1 at one place and 0 elsewhere sums to that place's weight.
    @Test func usccWeightsAreGB32100s() {
        let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
        for place in 0..<17 {
            #expect(USCC.weightedSum { $0 == place ? UInt8(ascii: "1") : UInt8(ascii: "0") } == weights[place] % 31)
        }
        #expect(USCC.weightedSum { $0 == 5 ? UInt8(ascii: "I") : UInt8(ascii: "0") } == nil)
    }

    @Test func citizenIDWeightsAndCheckCharactersAreGB11643s() {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        for place in 0..<17 {
            #expect(CitizenID.weightedSum { $0 == place ? 1 : 0 } == weights[place] % 11)
        }
        let checkCharacters = Array("10X98765432".utf8)
        for sum in 0..<11 { #expect(CitizenID.checkCharacter(sum: sum) == checkCharacters[sum]) }
    }

    @Test func provincesAreGBT2260s() {
        let provinces: Set<Int> = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
                                   50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83]
        for code in 0...99 { #expect(CitizenID.isProvince(code) == provinces.contains(code), "\(code)") }
    }

    /// Every organisation code of two characters varied over the alphabet is decided as GB 11714's weights decide.
    @Test func organizationCodeWeightsAreGB11714s() {
        let weights = [3, 7, 9, 10, 5, 8, 4, 2]
        let characters = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)
        for a in characters {
            for b in characters {
                let body = [a, UInt8(ascii: "1"), UInt8(ascii: "2"), b, UInt8(ascii: "3"), UInt8(ascii: "4"), UInt8(ascii: "5"), UInt8(ascii: "6")]
                let sum = zip(body, weights).reduce(0) { s, p in s + (p.0 <= 0x39 ? Int(p.0) - 0x30 : Int(p.0) - 0x41 + 10) * p.1 }
                let c = 11 - sum % 11
                let expected: UInt8 = c == 10 ? UInt8(ascii: "X") : c == 11 ? UInt8(ascii: "0") : UInt8(0x30 + c)
                #expect(OrganizationCode.failure(body + [expected]) == nil)
                let wrong: UInt8 = expected == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
                #expect(OrganizationCode.failure(body + [wrong])?.hasPrefix("check character") == true)
            }
        }
    }
}
