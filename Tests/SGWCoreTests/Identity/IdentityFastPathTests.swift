import PropertyBased
@testable import SGWCore
import Testing

/// `USCC.check` and `CitizenID.check` decide a valid code written as it should be on its own bytes, without the
/// full check's normalizing copies. The shortcut must accept exactly what the full check accepts unchanged.
@Suite struct IdentityFastPathTests {
    let today = LocalDate("2026-11-23")!
    static let validUSCCs = ["91110000600037341L", "121200004013590816", "92340602MA2PBMEM24", "11420000MB15291767"]
    static let validIDs = ["11010519491231002X", "360426199101010071", "44011320141005001X"]
    /// What a mutation writes: digits, the USCC's letters, letters it never uses, lower case, space, a full-width digit.
    static let replacements: [Character] = Array("0123456789ABCDEFGHJKLMNPQRTUWXYIOSVZaxX -") + ["９", "\u{3000}"]

    /// A valid code with up to three characters replaced, then one dropped (shape 1) or added (shape 2): valid now
    /// and then (the right check character by chance), invalid in every way otherwise.
    static func mutation(of valid: String, at positions: [Int], writing picks: [Int], shape: Int) -> String {
        var chars = Array(valid)
        for (p, r) in zip(positions, picks) { chars[p % chars.count] = replacements[r % replacements.count] }
        if shape == 1 { chars.removeLast() } else if shape == 2 { chars.append(replacements[picks.first ?? 0]) }
        return String(chars)
    }

    @Test func usccShortcutAcceptsWhatTheFullCheckAcceptsUnchanged() async {
        await propertyCheck(count: 2000, input: Gen.int(in: 0...3), Gen.int(in: 0...17).array(of: 0...3),
                            Gen.int(in: 0...(Self.replacements.count - 1)).array(of: 3), Gen.int(in: 0...2)) { which, positions, picks, shape in
            let code = Self.mutation(of: Self.validUSCCs[which], at: positions, writing: picks, shape: shape)
            let full = USCC.fullCheck(code)
            #expect(Array(code.utf8).withUnsafeBufferPointer(USCC.isValidAsGiven) == (full.isValid && full.normalized == code))
            #expect(USCC.check(code) == full)
        }
    }

    @Test func citizenIDShortcutAcceptsWhatTheFullCheckAcceptsUnchanged() async {
        await propertyCheck(count: 2000, input: Gen.int(in: 0...2), Gen.int(in: 0...17).array(of: 0...3),
                            Gen.int(in: 0...(Self.replacements.count - 1)).array(of: 3), Gen.int(in: 0...2)) { which, positions, picks, shape in
            let number = Self.mutation(of: Self.validIDs[which], at: positions, writing: picks, shape: shape)
            let full = CitizenID.fullCheck(number, today: today)
            #expect(Array(number.utf8).withUnsafeBufferPointer { CitizenID.isValidAsGiven($0, today: today) }
                    == (full.isValid && full.normalized == number))
            #expect(CitizenID.check(number, today: today) == full)
        }
    }
}
