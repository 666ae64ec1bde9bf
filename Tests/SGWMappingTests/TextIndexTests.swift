import PropertyBased
@testable import SGWMapping
import Testing

/// Code tables and `any_of` conditions look values up by their bytes (`TextIndex`); they must find exactly what
/// Swift's `==` finds, which compares by canonical equivalence.
@Suite struct TextIndexTests {
    /// Pieces of text: CJK ideographs and ASCII, which the index decides on bytes alone, and texts that are equal
    /// with different bytes (é composed and decomposed, が and か with a combining mark, the compatibility ideograph
    /// U+F900 and U+8C48 it decomposes to), a lone combining mark, full-width punctuation and a rare ideograph.
    static let pieces = ["企", "业", "法", "人", "a", "B", "1", "é", "e\u{301}", "が", "か\u{3099}", "\u{F900}", "\u{8C48}",
                         "\u{301}", "：", "䶮", "𠀀"]

    @Test func findsWhatEqualityFinds() async {
        let piece = Gen.int(in: 0...(Self.pieces.count - 1)).array(of: 0...3).map { $0.map { Self.pieces[$0] }.joined() }
        await propertyCheck(input: piece.array(of: 0...6), piece) { texts, text in
            let position = TextIndex(texts).position(of: text)
            if let position {
                #expect(texts[position] == text, "\(texts) \(text)")
            } else {
                #expect(!texts.contains(text), "\(texts) \(text)")
            }
        }
    }

    @Test func decidesOnBytesOnlyForASCIIAndCJKIdeographs() {
        #expect(TextIndex.isPlain("企业法人 Ltd 1") && TextIndex.isPlain("㐀䶮鿿") && TextIndex.isPlain(""))
        #expect(!TextIndex.isPlain("e\u{301}") && !TextIndex.isPlain("が") && !TextIndex.isPlain("\u{F900}"))
        #expect(!TextIndex.isPlain("经营项目：物流") && !TextIndex.isPlain("𠀀") && !TextIndex.isPlain("〇"))
    }

    @Test func codeTablesAndConditionsStillMatchOtherSpellings() throws {
        // The table's key is composed; the value comes decomposed: `==` says they are the same word.
        let index = TextIndex(["自然人", "caf\u{E9}"])
        #expect(index.position(of: "cafe\u{301}") == 1)
        #expect(index.position(of: "自然人") == 0)
        #expect(index.position(of: "企业法人") == nil)
        let condition = Condition(field: "相对人类别", anyOf: ["自然人", "\u{8C48}"])
        #expect(condition.holds(for: " 自然人 ") && condition.holds(for: "\u{F900}") && !condition.holds(for: "企业法人"))
    }
}
