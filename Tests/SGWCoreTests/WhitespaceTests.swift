import SGWCore
import Testing

/// Trimming follows Unicode's White_Space exactly, written out as a list; this checks the list against the
/// standard library's own property for every scalar of the Basic Multilingual Plane and beyond.
@Suite struct WhitespaceTests {
    @Test func theListIsUnicodesWhiteSpacePlusTheByteOrderMark() {
        let differ = (UInt32(0)...0x10FFFF).compactMap(Unicode.Scalar.init).filter {
            Whitespace.isSpace($0) != ($0.properties.isWhitespace || $0.value == 0xFEFF)
        }
        #expect(differ.isEmpty, "\(differ.map { "U+" + String($0.value, radix: 16) })")
    }

    @Test func trimsChinesePaddingAndKnowsBlankText() {
        #expect(Whitespace.trimmed("\u{3000} 淄博萌水物流有限公司\u{A0}\u{FEFF}") == "淄博萌水物流有限公司")
        #expect(Whitespace.trimmed("中 文") == "中 文")
        #expect(Whitespace.isBlank("") && Whitespace.isBlank(" \u{3000}\t"))
        #expect(!Whitespace.isBlank(" 中 ") && !Whitespace.isBlank("\u{200B}"))
    }
}
