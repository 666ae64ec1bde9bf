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
    /// the table.
    static func reference(_ bytes: [UInt8]) -> [UInt8] {
        let cd = iconv_open("UTF-8", "GB18030")
        defer { iconv_close(cd) }
        var out = [UInt8](repeating: 0, count: bytes.count * 4 + 16)
        var consumed = 0, written = 0
        bytes.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { output in
                while consumed < input.count {
                    let step = UTF8Transcoder.iconvConvert(cd, UnsafeBufferPointer(rebasing: input[consumed...]),
                                                           into: UnsafeMutableBufferPointer(rebasing: output[written...]))
                    consumed += step.consumed
                    written += step.written
                    guard consumed < input.count else { break }
                    // Stopped at a byte iconv cannot decode (or a sequence cut off by the end): mark it, step over.
                    output[written] = 0xFF
                    written += 1
                    consumed += 1
                }
            }
        }
        return Array(out[..<written])
    }

    static func transcode(_ bytes: [UInt8], chunks cuts: [Int]) throws -> [UInt8] {
        let transcoder = UTF8Transcoder(.gb18030)
        var out: [UInt8] = []
        var start = 0
        for cut in cuts.sorted() where cut > start && cut < bytes.count {
            out += try transcoder.convert(Array(bytes[start..<cut]))
            start = cut
        }
        out += try transcoder.convert(Array(bytes[start...]))
        out += try transcoder.convert([])
        return out
    }

    /// Pieces of GB18030: ASCII, two-byte characters (common, rare such as 䶮, the euro sign), a four-byte sequence,
    /// and bytes that are not text: stray high bytes, a lead byte alone, a pair iconv does not decode.
    static let pieces: [[UInt8]] = [
        Array("a,1\n".utf8), [0xD5, 0xC5], [0xC8, 0xFD], [0xFE, 0x9F], [0xA2, 0xE3], [0x98, 0x35, 0xEE, 0x37],
        [0x81, 0x30, 0x81, 0x30], [0x80], [0xFF], [0x81], [0xFE], [0x81, 0x7F], [0xA1, 0x40], [0x30], [0x98, 0x35],
    ]

    @Test func matchesIconvOnTheWholeInputWhateverTheChunks() async {
        await propertyCheck(count: 500, input: Gen.int(in: 0...(Self.pieces.count - 1)).array(of: 0...40),
                            Gen.int(in: 0...120).array(of: 0...4)) { picks, cuts in
            let bytes = picks.flatMap { Self.pieces[$0] }
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
