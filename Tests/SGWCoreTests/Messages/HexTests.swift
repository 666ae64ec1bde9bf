import PropertyBased
@testable import SGWCore
import Testing

/// Hashes and ids write their hex digits eight at a time; each must read as the digits of its bytes, in order.
@Suite struct HexTests {
    static func hex(_ value: UInt64, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: digits - text.count) + text
    }

    @Test func eightDigitsAreTheFourBytesInOrder() async {
        await propertyCheck(count: 2000, input: Gen.int(in: 0...Int(UInt32.max))) { n in
            let bytes: [UInt8] = (0..<4).map { UInt8(truncatingIfNeeded: n >> (8 * $0)) }
            var out = [UInt8](repeating: 0, count: 8)
            out.withUnsafeMutableBufferPointer { o in
                bytes.withUnsafeBytes { ContentHash.writeHex(ofFour: $0.loadUnaligned(as: UInt32.self), at: o.baseAddress!) }
            }
            #expect(String(decoding: out, as: UTF8.self) == bytes.map { Self.hex(UInt64($0), digits: 2) }.joined())
        }
        // Every nibble, both places.
        for b in UInt8.min...UInt8.max {
            var out = [UInt8](repeating: 0, count: 8)
            out.withUnsafeMutableBufferPointer { ContentHash.writeHex(ofFour: UInt32(b) << 8, at: $0.baseAddress!) }
            #expect(String(decoding: out, as: UTF8.self) == "00" + Self.hex(UInt64(b), digits: 2) + "0000")
        }
    }

    @Test func idsAreTheirBitsHyphenated() async {
        let word = Gen.int(in: Int.min...Int.max).map { UInt64(bitPattern: Int64($0)) }
        await propertyCheck(count: 2000, input: word, word) { high, low in
            let digits = Array(Self.hex(high, digits: 16) + Self.hex(low, digits: 16))
            let expected = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(digits[$0]) }.joined(separator: "-")
            #expect(MessageID(MessageID.Bits(high: high, low: low)).rawValue == expected)
        }
        #expect(MessageID(MessageID.Bits(high: 0x0123_4567_89AB_CDEF, low: 0xFEDC_BA98_7654_3210)).rawValue == "01234567-89ab-cdef-fedc-ba9876543210")
    }

    /// The hash is written without validating its bytes as text (`ASCIIText`): it must still be an ordinary string,
    /// equal and hashed as the same text written any other way.
    @Test func aContentHashIsAnOrdinaryString() {
        let hash = ContentHash.sha256(Array("abc".utf8))
        let expected = "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        #expect(hash == expected)
        #expect(hash.hashValue == expected.hashValue)
        #expect(hash.utf8.count == 71 && hash.count == 71)
        #expect(Set([hash, expected]).count == 1)
    }
}

