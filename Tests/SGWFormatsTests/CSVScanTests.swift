import PropertyBased
@testable import SGWFormats
import Testing

/// The CSV reader finds the end of a field eight bytes at a time; it must stop exactly where a byte-by-byte scan
/// stops, for any bytes, delimiter and start.
@Suite struct CSVScanTests {
    static func naive(_ bytes: [UInt8], from start: Int, delimiter: UInt8) -> Int {
        var i = start
        while i < bytes.count, bytes[i] != delimiter, bytes[i] != 0x0A { i += 1 }
        return i
    }

    @Test func wordScanStopsWhereAByteScanStops() async {
        // Bytes from a small set, so that delimiters, line feeds, their neighbours (0x01 above a zero after XOR)
        // and high bytes meet in every position of a word.
        let set: [UInt8] = [0x00, 0x01, 0x09, 0x0A, 0x0B, 0x2C, 0x2D, 0x3B, 0x7F, 0x80, 0xAC, 0xE5, 0xFF]
        await propertyCheck(count: 3000, input: Gen.int(in: 0...(set.count - 1)).array(of: 0...40), Gen.int(in: 0...40),
                            Gen.int(in: 0...(set.count - 1))) { picks, start, d in
            let bytes = picks.map { set[$0] }, delimiter = set[d], from = min(start, bytes.count)
            let found = bytes.withUnsafeBufferPointer { CSVReader.firstDelimiterOrLineFeed(in: $0, from: from, delimiter: delimiter) }
            #expect(found == Self.naive(bytes, from: from, delimiter: delimiter), "\(bytes) from \(from), delimiter \(delimiter)")
        }
    }
}
