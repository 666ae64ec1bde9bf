import Foundation
import SGWFormats
@testable import SGWMapping
import SGWPipeline
import SGWTesting
import Testing

/// The rejects file gives the sender their rows back: the original fields in the source's encoding, then the row
/// number and the reasons, readable as CSV again; private to the operator (0600 in a 0700 folder); none at all when
/// nothing was rejected.
@Suite struct RejectsFileTests {
    static func rejection(_ field: String, _ message: String) -> RecordRejection {
        RecordRejection(file: "in.csv", location: "row 2", row: 2, field: field, code: "invalid", message: message)
    }

    /// Every record of the CSV file at `path`, read as `format`.
    static func read(_ path: String, _ format: CSVFormat) throws -> [[String?]] {
        var reader = CSVReader(source: try ByteSource(path: path), format: format)
        var rows: [[String?]] = []
        while let r = try reader.next() {
            if case .record(let record) = r { rows.append(record.values) }
        }
        return rows
    }

    @Test func aCSVSourceGetsItsRowsBackInItsOwnEncodingWithTheReasons() throws {
        let dir = try TemporaryDirectory(prefix: "sgw-rejects")
        defer { dir.remove() }
        let path = dir.path + "/rejects/1-in.csv.rejects.csv"
        let format = CSVFormat(delimiter: UInt8(ascii: ";"), encoding: .gbk)
        let file = RejectsFile(path: path, format: .csv(format))
        let names = FieldNames(["名称", "证件号"])
        try file.add(.record(RawRecord(names: names, values: ["张三;李四", "=1+1"], location: RecordLocation(.row, 2))),
                     [Self.rejection("证件号", "not an ID number"), Self.rejection("", "名称 too long")])
        try file.add(.record(RawRecord(names: names, values: ["王五", nil], location: RecordLocation(.row, 4))),
                     [Self.rejection("证件号", "证件号 is required")])
        #expect(file.rows == 2)
        #expect(try file.finish() == path)
        let rows = try Self.read(path, format)
        // The formula is defused (SpreadsheetCell); the field named in front of its reason unless the reason starts with it.
        #expect(rows == [["张三;李四", "'=1+1", "2", "证件号: not an ID number; 名称 too long"],
                         ["王五", "", "4", "证件号 is required"]])
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let folder = try FileManager.default.attributesOfItem(atPath: dir.path + "/rejects")
        #expect((folder[.posixPermissions] as? NSNumber)?.intValue == 0o700)
    }

    @Test func anotherSourceGetsUTF8WithAByteOrderMark() throws {
        let dir = try TemporaryDirectory(prefix: "sgw-rejects")
        defer { dir.remove() }
        let path = dir.path + "/r.csv"
        let file = RejectsFile(path: path, format: .json(JSONFormat()))
        try file.add(.record(RawRecord(names: FieldNames(["a.b"]), values: ["值"], location: RecordLocation(.item, 1))),
                     [Self.rejection("a.b", "a.b is required")])
        _ = try file.finish()
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(try Self.read(path, CSVFormat(encoding: .utf8BOM)) == [["值", "1", "a.b is required"]])
    }

    /// A row the reader could not read comes back as the text it had, less the bytes that were not in the encoding.
    @Test func anUnreadableRowComesBackAsItsText() throws {
        let dir = try TemporaryDirectory(prefix: "sgw-rejects")
        defer { dir.remove() }
        let path = dir.path + "/u.csv"
        let file = RejectsFile(path: path, format: .csv(CSVFormat()))
        try file.add(.unreadable(UnreadableRecord(location: RecordLocation(.row, 3), code: "encoding", message: "bad bytes",
                                                  raw: Array("坏行".utf8) + [0xFF])),
                     [Self.rejection("", "bytes not in the encoding")])
        _ = try file.finish()
        #expect(try Self.read(path, CSVFormat(encoding: .utf8BOM)) == [["坏行", "3", "bytes not in the encoding"]])
    }

    @Test func noRejectedRowNoFile() throws {
        let dir = try TemporaryDirectory(prefix: "sgw-rejects")
        defer { dir.remove() }
        let file = RejectsFile(path: dir.path + "/none.csv", format: .csv(CSVFormat()))
        #expect(try file.finish() == nil)
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/none.csv"))
    }
}
