import Foundation
import SGWCore
import SGWFormats
import Synchronization

// The floor under `sgw map --adapter zhoucun-licences` (scripts/bench/map-floor): the same CSV read by sgw's reader,
// and for each row the two output lines `sgw map` writes (an approval and its credit.licence record, about 1,000
// bytes each, each body hashed with SHA-256), written with sgw's JSONWriter straight from the row's cells: no
// transforms, checks, model or rejections. What is left between this and `sgw map` is the mapping's own cost.
// Reading overlaps mapping as in `MapRun`: this thread reads the next batch while two workers write the last one.
// `--bytes` writes the same lines from byte ranges of the decoded rows instead (ByteFloor.swift).
// Usage: MapFloor FILE.csv [--read-only] [--bytes]    (lines on stdout, a summary on stderr)

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: MapFloor FILE.csv [--read-only] [--bytes]\n".utf8))
    exit(64)
}
let path = arguments[1]
let readOnly = arguments.contains("--read-only")
if arguments.contains("--bytes") {
    let rows = runByteFloor(path: path, readOnly: readOnly)
    FileHandle.standardError.write(Data("read \(rows) rows on bytes\(readOnly ? " (read only)" : ", 2 lines each")\n".utf8))
    exit(0)
}
var reader: CSVReader
do {
    reader = CSVReader(source: try ByteSource(path: path), format: CSVFormat(encoding: .gbk))
} catch {
    FileHandle.standardError.write(Data("MapFloor: \(path): \(error.message)\n".utf8))
    exit(1)
}
let writer = LineWriter(receivedAt: Instant.formatUTC(Date()), source: (path as NSString).lastPathComponent)

/// The columns of the 周村 header, by position, under the canonical names they map to.
enum Column {
    static let body: [(StaticString, Int)] = [("decisionDate", 10), ("documentNumber", 2), ("itemName", 0),
                                              ("licenceNumber", 1), ("supervisingDepartment", 14)]
    static let party: [(StaticString, Int)] = [("address", 9), ("contact", 8), ("kind", 4), ("legalRepresentative", 6),
                                               ("legalRepresentativeIDNumber", 7), ("name", 3), ("uscc", 5)]
    static let content = 13, validFrom = 11, validTo = 12, licenceNumber = 1
}

/// Writes the output lines of one file.
struct LineWriter: Sendable {
    let receivedAt: String
    let source: String

    /// One output line: the body as `sgw map` lays it out (keys sorted), its hash, the envelope.
    func line(_ cells: [String?], row: Int, sequence: Int, credit: Bool) -> [UInt8] {
        var b = JSONWriter(capacity: 1024)
        b.open()
        if credit {
            b.key("authority")
            b.open(); b.string("name", "淄博市周村区行政审批服务局"); b.string("uscc", "11370306MB2853226M"); b.close()
            b.string("category", "普通")
        }
        b.string("content", cells[Column.content])
        b.key("counterparty")
        b.open()
        for (key, i) in Column.party { b.string(key, cells[i]) }
        b.close()
        if credit {
            b.key("dataSource")
            b.open(); b.string("name", "淄博市周村区行政审批服务局"); b.string("uscc", "11370306MB2853226M"); b.close()
            b.string("documentName", "准予行政许可决定书")
        }
        for (key, i) in Column.body { b.string(key, cells[i]) }
        if credit { b.string("status", "有效") }
        b.key("validity")
        b.open(); b.string("from", cells[Column.validFrom]); b.string("to", cells[Column.validTo]); b.close()
        b.close()
        let hash = ContentHash.sha256(b.bytes)
        var w = JSONWriter(capacity: b.bytes.count + 512)
        w.open()
        w.raw("body", b.bytes)
        w.key("envelope")
        w.open()
        w.string("contentHash", hash)
        w.string("id", "01a236f6-24f0-7514-91cf-" + String(sequence, radix: 16))
        w.string("key", "zhoucun-licences:" + (cells[Column.licenceNumber] ?? ""))
        w.string("kind", credit ? "credit.licence" : "approval")
        w.string("profile", "zhoucun")
        w.key("provenance")
        w.open(); w.string("adapter", "zhoucun-licences"); w.string("location", "row \(row)"); w.string("source", source); w.close()
        w.string("receivedAt", receivedAt)
        w.int("version", 1)
        w.close()
        w.close()
        w.bytes.append(UInt8(ascii: "\n"))
        return w.bytes
    }
}

/// A batch's lines, written by the workers (each slice by exactly one of them) and read after `done`.
final class BatchWork: @unchecked Sendable {
    let records: [RawRecord]
    let firstRow: Int
    let writer: LineWriter
    var lines: [[UInt8]]
    let done = DispatchGroup()

    init(records: [RawRecord], firstRow: Int, writer: LineWriter) {
        (self.records, self.firstRow, self.writer) = (records, firstRow, writer)
        lines = Array(repeating: [], count: records.count)
    }

    func start() {
        done.enter()
        DispatchQueue.global().async { [self] in
            let next = Atomic(0)
            lines.withUnsafeMutableBufferPointer { out in
                nonisolated(unsafe) let out = out
                DispatchQueue.concurrentPerform(iterations: 2) { _ in
                    while true {
                        let start = next.add(1, ordering: .relaxed).oldValue * 64
                        guard start < records.count else { break }
                        for i in start..<min(records.count, start + 64) where records[i].values.count >= 15 {
                            let row = firstRow + i, cells = records[i].values
                            out[i] = writer.line(cells, row: row, sequence: 2 * row, credit: false)
                                + writer.line(cells, row: row, sequence: 2 * row + 1, credit: true)
                        }
                    }
                }
            }
            done.leave()
        }
    }
}

var rows = 0, unreadable = 0
var inFlight: BatchWork?
/// The output of a batch, one buffer reused (as `sgw map` reuses its output buffer): a new one per batch was a fresh
/// mapping of 4 MB each time, and its page faults were a fifth of the run.
var chunk: [UInt8] = []
func finish(_ work: BatchWork?, into chunk: inout [UInt8]) {
    guard let work else { return }
    work.done.wait()
    chunk.removeAll(keepingCapacity: true)
    for l in work.lines { chunk += l }
    chunk.withUnsafeBytes { raw in
        var offset = 0
        while offset < raw.count {
            let n = write(1, raw.baseAddress! + offset, raw.count - offset)
            guard n > 0 else { exit(1) }
            offset += n
        }
    }
}
while true {
    var batch: [RawRecord] = []
    batch.reserveCapacity(2048)
    do {
        while batch.count < 2048, let result = try reader.next() {
            if case .record(let r) = result { batch.append(r) } else { unreadable += 1 }
        }
    } catch {
        FileHandle.standardError.write(Data("MapFloor: \(path): \(error.message)\n".utf8))
        exit(1)
    }
    let firstRow = rows + 2  // row 1 is the header
    rows += batch.count
    if readOnly {
        if batch.isEmpty { break }
        continue
    }
    finish(inFlight, into: &chunk)
    inFlight = nil
    if batch.isEmpty { break }
    let work = BatchWork(records: batch, firstRow: firstRow, writer: writer)
    work.start()
    inFlight = work
}
FileHandle.standardError.write(Data("read \(rows) rows, \(unreadable) unreadable\(readOnly ? " (read only)" : ", 2 lines each")\n".utf8))
