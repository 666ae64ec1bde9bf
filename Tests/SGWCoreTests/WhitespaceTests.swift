import PropertyBased
@testable import SGWCore
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

    /// `trimmed` and `isBlank` look at the first and last UTF-8 bytes before decoding: those shortcuts must let every
    /// white-space scalar through, whatever text surrounds it.
    @Test func byteShortcutsLetEveryWhiteSpaceScalarThrough() {
        let spaces = (UInt32(0)...0x10FFFF).compactMap(Unicode.Scalar.init).filter(Whitespace.isSpace)
        #expect(spaces.count == 26)
        for u in spaces {
            let utf8 = Array(String(u).utf8)
            #expect(Whitespace.mayStartSpace(utf8.first!), "U+\(String(u.value, radix: 16)) starts with \(utf8.first!)")
            #expect(Whitespace.mayEndSpace(utf8.last!), "U+\(String(u.value, radix: 16)) ends with \(utf8.last!)")
        }
    }

    /// Trimming and blankness agree with a plain scalar-by-scalar reading, for text of white space, Chinese and
    /// Latin characters (including ones whose UTF-8 shares bytes with the white-space scalars) in any order.
    @Test func trimsAsScalarByScalarReading() async {
        let pool: [Character] = [" ", "\t", "\u{3000}", "\u{A0}", "\u{FEFF}", "\u{2028}", "\u{85}", "中", "文", "萌", "a", "-",
                                 "\u{2010}", "\u{3001}", "\u{FF01}", "\u{1680}", "\u{205F}", "䶮", "\u{C0}", "\u{E000}"]
        await propertyCheck(input: Gen.int(in: 0...(pool.count - 1)).array(of: 0...8)) { picks in
            let text = String(picks.map { pool[$0] })
            let scalars = Array(text.unicodeScalars)
            let start = scalars.firstIndex { !Whitespace.isSpace($0) }
            let end = scalars.lastIndex { !Whitespace.isSpace($0) }
            var expected = String.UnicodeScalarView()
            if let start, let end { expected.append(contentsOf: scalars[start...end]) }
            #expect(Whitespace.trimmed(text) == String(expected))
            #expect(Whitespace.isBlank(text) == (start == nil))
        }
    }
}
