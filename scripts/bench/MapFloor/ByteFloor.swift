import Foundation
import SGWCore
import SGWFormats

// `MapFloor FILE --bytes`: the same two lines a row as `LineWriter`, written the way a byte-slice design would write
// them: the file decoded chunk by chunk into one UTF-8 buffer, each row split into byte ranges (no `String` per
// cell, no array per row), each line written straight into one output buffer per batch, each body hashed where it
// lies. It answers how fast `sgw map`'s output could be made without a value per field; it is no CSV reader: it
// splits at every comma and line feed, which the generated file allows (no quotes, no empty lines).

/// The bytes of a batch of rows and, for each row, where its fifteen cells lie in them.
struct ByteBatch: @unchecked Sendable {
    var text: [UInt8] = []
    /// Fifteen (start, end) pairs a row, flattened.
    var cells: [Int32] = []
    var rows: Int { cells.count / 30 }
}

/// Writes the lines of one batch from the cells' bytes.
struct ByteLineWriter: Sendable {
    let receivedAt: [UInt8]
    let source: [UInt8]

    func write(_ batch: ByteBatch, rows: Range<Int>, firstRow: Int, into out: inout [UInt8]) {
        batch.text.withUnsafeBufferPointer { text in
            batch.cells.withUnsafeBufferPointer { cells in
                for r in rows {
                    let row = UnsafeBufferPointer(rebasing: cells[(r * 30)..<(r * 30 + 30)])
                    func cell(_ i: Int) -> UnsafeBufferPointer<UInt8> {
                        UnsafeBufferPointer(rebasing: text[Int(row[2 * i])..<Int(row[2 * i + 1])])
                    }
                    line(cell, row: firstRow + r, sequence: 2 * (firstRow + r), credit: false, into: &out)
                    line(cell, row: firstRow + r, sequence: 2 * (firstRow + r) + 1, credit: true, into: &out)
                }
            }
        }
    }

    private func line(_ cell: (Int) -> UnsafeBufferPointer<UInt8>, row: Int, sequence: Int, credit: Bool, into out: inout [UInt8]) {
        // One capacity check a line, then bytes written at a cursor: `Array.append(contentsOf:)` for each piece was a
        // fifth of the time.
        var cellBytes = 0
        for i in 0..<15 { cellBytes += cell(i).count }
        let room = 1_400 + 6 * cellBytes + source.count + receivedAt.count
        out.append(addingCapacity: room) { span in
            span.withUnsafeMutableBufferPointer { buffer, initialized in
                var c = Cursor(p: buffer.baseAddress!)
                func member(_ key: StaticString, _ i: Int, comma: Bool = true) {
                    if comma { c.byte(UInt8(ascii: ",")) }
                    c.byte(UInt8(ascii: "\""))
                    c.raw(key)
                    c.raw("\":")
                    c.string(cell(i))
                }
                c.raw("{\"body\":")
                let bodyStart = c.p
                c.byte(UInt8(ascii: "{"))
                if credit {
                    c.raw("\"authority\":{\"name\":\"淄博市周村区行政审批服务局\",\"uscc\":\"11370306MB2853226M\"},\"category\":\"普通\",")
                }
                member("content", Column.content, comma: false)
                c.raw(",\"counterparty\":{")
                for (n, (key, i)) in Column.party.enumerated() { member(key, i, comma: n > 0) }
                c.byte(UInt8(ascii: "}"))
                if credit {
                    c.raw(",\"dataSource\":{\"name\":\"淄博市周村区行政审批服务局\",\"uscc\":\"11370306MB2853226M\"},\"documentName\":\"准予行政许可决定书\"")
                }
                for (key, i) in Column.body { member(key, i) }
                if credit { c.raw(",\"status\":\"有效\"") }
                c.raw(",\"validity\":{")
                member("from", Column.validFrom, comma: false)
                member("to", Column.validTo)
                c.raw("}}")
                var hash = ContentHash.sha256(UnsafeBufferPointer(start: bodyStart, count: c.p - bodyStart))
                c.raw(",\"envelope\":{\"contentHash\":\"")
                hash.withUTF8 { c.bytes($0) }
                c.raw("\",\"id\":\"01a236f6-24f0-7514-91cf-")
                var id = String(sequence, radix: 16)
                id.withUTF8 { c.bytes($0) }
                c.raw("\",\"key\":\"zhoucun-licences:")
                c.bytes(cell(Column.licenceNumber))
                if credit { c.raw("\",\"kind\":\"credit.licence\"") } else { c.raw("\",\"kind\":\"approval\"") }
                c.raw(",\"profile\":\"zhoucun\",\"provenance\":{\"adapter\":\"zhoucun-licences\",\"location\":\"row ")
                var location = String(row)
                location.withUTF8 { c.bytes($0) }
                c.raw("\",\"source\":\"")
                source.withUnsafeBufferPointer { c.bytes($0) }
                c.raw("\"},\"receivedAt\":\"")
                receivedAt.withUnsafeBufferPointer { c.bytes($0) }
                c.raw("\",\"version\":1}}\n")
                initialized = c.p - buffer.baseAddress!
            }
        }
    }

    /// Where the next byte goes. A struct: a `var` pointer captured by nested functions was checked for exclusive
    /// access at every write (a quarter of the time).
    struct Cursor {
        var p: UnsafeMutablePointer<UInt8>

        mutating func bytes(_ b: UnsafeBufferPointer<UInt8>) {
            guard let base = b.baseAddress else { return }
            p.initialize(from: base, count: b.count)
            p += b.count
        }

        mutating func raw(_ s: StaticString) { s.withUTF8Buffer { bytes($0) } }

        mutating func byte(_ c: UInt8) {
            p.initialize(to: c)
            p += 1
        }

        mutating func string(_ b: UnsafeBufferPointer<UInt8>) {
            byte(UInt8(ascii: "\""))
            if ByteLineWriter.needsEscape(b) {
                for c in b {
                    switch c {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"): byte(0x5C); byte(c)
                    case ..<0x20: raw("\\u00"); byte(HexDigit.hex(c >> 4)); byte(HexDigit.hex(c & 0xF))
                    default: byte(c)
                    }
                }
            } else {
                bytes(b)
            }
            byte(UInt8(ascii: "\""))
        }
    }

    /// Whether a byte needs a JSON escape, eight bytes at a time.
    static func needsEscape(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let raw = UnsafeRawPointer(b.baseAddress!)
        while i + 8 <= b.count {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if ByteWordFloor.hasEscape(w) { return true }
            i += 8
        }
        while i < b.count {
            if b[i] < 0x20 || b[i] == UInt8(ascii: "\"") || b[i] == UInt8(ascii: "\\") { return true }
            i += 1
        }
        return false
    }
}

enum HexDigit {
    static func hex(_ n: UInt8) -> UInt8 { n < 10 ? 0x30 + n : 0x57 + n }
}

enum ByteWordFloor {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080
    static func zeroByte(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
    static func hasEscape(_ w: UInt64) -> Bool {
        let below = (w &- ones &* 0x20) & ~w & highs
        return below | zeroByte(w ^ (ones &* 0x22)) | zeroByte(w ^ (ones &* 0x5C)) != 0
    }
}

/// Reads the file in batches of 2,048 rows, writes each on two threads, and returns the rows read. Reading does not
/// overlap writing here: its CPU time a row is the figure to read, not its wall time.
func runByteFloor(path: String, readOnly: Bool) -> Int {
    guard let file = FileHandle(forReadingAtPath: path) else {
        FileHandle.standardError.write(Data("MapFloor: cannot open \(path)\n".utf8))
        exit(1)
    }
    let transcoder = UTF8Transcoder(.gbk)
    let writer = ByteLineWriter(receivedAt: Array(Instant.formatUTC(Date()).utf8), source: Array((path as NSString).lastPathComponent.utf8))
    var decoded: [UInt8] = []
    var position = 0
    var atEnd = false
    var header = true
    var rows = 0
    var outputs: [[UInt8]] = [[], []]
    while true {
        // One batch: whole lines of `decoded`, more decoded as needed.
        var batch = ByteBatch()
        while batch.rows < 2048 {
            guard let newline = decoded[position...].firstIndex(of: 0x0A) else {
                if atEnd { break }
                decoded.removeSubrange(0..<position)
                position = 0
                let chunk = [UInt8](file.readData(ofLength: 1 << 20))
                do { try transcoder.convert(chunk, appendingTo: &decoded) } catch { exit(1) }
                if chunk.isEmpty { atEnd = true }
                continue
            }
            defer { position = newline + 1 }
            if header { header = false; continue }
            let base = Int32(batch.text.count)
            var start = base
            for i in position..<newline {
                let b = decoded[i]
                if b == UInt8(ascii: ",") {
                    batch.cells.append(start); batch.cells.append(base + Int32(i - position)); start = base + Int32(i - position + 1)
                }
            }
            let end = base + Int32(newline - position - (newline > position && decoded[newline - 1] == 0x0D ? 1 : 0))
            batch.cells.append(start); batch.cells.append(end)
            batch.text.append(contentsOf: decoded[position..<newline])
            guard batch.cells.count % 30 == 0 else { FileHandle.standardError.write(Data("MapFloor: a row without 15 cells\n".utf8)); exit(1) }
        }
        if batch.rows == 0 { break }
        let firstRow = rows + 2
        rows += batch.rows
        if readOnly { continue }
        let half = batch.rows / 2
        outputs.withUnsafeMutableBufferPointer { outs in
            nonisolated(unsafe) let outs = outs
            let b = batch
            DispatchQueue.concurrentPerform(iterations: 2) { w in
                outs[w].removeAll(keepingCapacity: true)
                writer.write(b, rows: w == 0 ? 0..<half : half..<b.rows, firstRow: firstRow, into: &outs[w])
            }
        }
        for o in outputs {
            o.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = Foundation.write(1, raw.baseAddress! + offset, raw.count - offset)
                    guard n > 0 else { exit(1) }
                    offset += n
                }
            }
        }
    }
    return rows
}
