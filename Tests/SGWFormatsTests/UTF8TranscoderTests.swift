#if canImport(Glibc)
import Glibc
#endif
import PropertyBased
@testable import SGWFormats
import Testing

/// The transcoder decodes GB18030's two-byte sequences from a table and leaves the rest to iconv one sequence at a
/// time; its output must be what iconv makes of the whole input at once, whatever the bytes and however the file is
/// cut into chunks.
@Suite struct UTF8TranscoderTests {
    /// iconv over the whole input, marking each byte it cannot decode with 0xFF: the transcoder's behaviour before
    /// the table, written against iconv itself so that it shares no code with the transcoder.
    static func reference(_ bytes: [UInt8]) -> [UInt8] {
        let cd = iconv_open("UTF-8", "GB18030")
        defer { iconv_close(cd) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var out = [CChar](repeating: 0, count: bytes.count * 4 + 16)
        var consumed = 0, written = 0
        input.withUnsafeMutableBufferPointer { inBuf in
            out.withUnsafeMutableBufferPointer { outBuf in
                while consumed < inBuf.count {
                    var inPtr: UnsafeMutablePointer<CChar>? = inBuf.baseAddress! + consumed
                    var outPtr: UnsafeMutablePointer<CChar>? = outBuf.baseAddress! + written
                    var inLeft = inBuf.count - consumed, outLeft = outBuf.count - written
                    _ = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                    consumed = inBuf.count - inLeft
                    written = outBuf.count - outLeft
                    guard consumed < inBuf.count else { break }
                    // Stopped at a byte iconv cannot decode (or a sequence cut off by the end): mark it, step over.
                    outBuf[written] = CChar(bitPattern: 0xFF)
                    written += 1
                    consumed += 1
                }
            }
        }
        return out[..<written].map { UInt8(bitPattern: $0) }
    }

    static func transcode(_ bytes: [UInt8], chunks cuts: [Int]) throws -> [UInt8] {
        let transcoder = UTF8Transcoder(.gb18030)
        var out: [UInt8] = []
        var start = 0
        for cut in cuts.sorted() where cut > start && cut < bytes.count {
            try transcoder.convert(Array(bytes[start..<cut]), appendingTo: &out)
            start = cut
        }
        try transcoder.convert(Array(bytes[start...]), appendingTo: &out)
        try transcoder.convert([], appendingTo: &out)
        return out
    }

    /// Pieces of GB18030: ASCII, two-byte characters (common, rare such as 䶮, the euro sign, · whose UTF-8 is two
    /// bytes), four-byte sequences, and bytes that are not text: stray high bytes, a lead byte alone, a pair iconv
    /// does not decode, a four-byte sequence cut short.
    static let pieces: [[UInt8]] = [
        Array("a,1\n".utf8), [0xD5, 0xC5], [0xC8, 0xFD], [0xFE, 0x9F], [0xA2, 0xE3], [0xA1, 0xA4], [0x98, 0x35, 0xEE, 0x37],
        [0x81, 0x30, 0x81, 0x30], [0x84, 0x31, 0xA4, 0x39], [0x80], [0xFF], [0x81], [0xFE], [0x81, 0x7F], [0xA1, 0x40],
        [0x30], [0x98, 0x35],
    ]

    /// Inputs made of those pieces and of random bytes (a pick past the pieces takes the next random byte).
    @Test func matchesIconvOnTheWholeInputWhateverTheChunks() async {
        await propertyCheck(count: 500, input: Gen.int(in: 0...(Self.pieces.count + 3)).array(of: 0...40),
                            Gen.int(in: 0...255).array(of: 40...40), Gen.int(in: 0...120).array(of: 0...4)) { picks, random, cuts in
            var next = 0
            let bytes = picks.flatMap { pick -> [UInt8] in
                guard pick >= Self.pieces.count else { return Self.pieces[pick] }
                next += 1
                return [UInt8(random[next - 1])]
            }
            let out = try Self.transcode(bytes, chunks: cuts)
            #expect(out == Self.reference(bytes), "\(bytes.map { String($0, radix: 16) })")
        }
    }

    /// Every two-byte sequence, each alone: what the table holds (or leaves to iconv) is iconv's answer.
    @Test func everyTwoByteSequenceAsIconvDecodesIt() throws {
        var mismatches: [String] = []
        for lead in UInt8(0x81)...0xFE {
            for trail in UInt8(0x40)...0xFE where trail != 0x7F {
                let bytes = [lead, trail, 0x0A]
                if try Self.transcode(bytes, chunks: []) != Self.reference(bytes) {
                    mismatches.append(String(lead, radix: 16) + String(trail, radix: 16))
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
    }

    @Test func outputIsValidUTF8ExceptTheMarker() throws {
        var bytes: [UInt8] = []
        for lead in UInt8(0x81)...0xFE { for trail in UInt8(0x40)...0xFE { bytes += [lead, trail] } }
        let out = try Self.transcode(bytes + [0x98, 0x35, 0xEE, 0x37, 0x80], chunks: [1000, 4097, 30001])
        let parts = out.split(separator: UTF8Transcoder.invalidMarker, omittingEmptySubsequences: true)
        for part in parts { #expect(String(validating: part, as: UTF8.self) != nil) }
        #expect(out.contains(UTF8Transcoder.invalidMarker))
    }
}
