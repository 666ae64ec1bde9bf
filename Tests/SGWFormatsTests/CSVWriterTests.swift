import Foundation
import SGWFormats
import SGWTesting
import Testing

@Suite struct CSVWriterTests {
    /// A GBK file gets GBK only: a character GBK has no code for is escaped, never written in GB18030's four bytes.
    @Test func aGBKFileHoldsOnlyGBK() throws {
        var writer = CSVWriter(encoding: .gbk)
        writer.row(["张三", "龑䶮𪚥", "a,b"])
        let bytes = writer.take()
        let gbk: [UInt8] = [213, 197, 200, 253, 44, 253, 140]  // 张三,龑
        #expect(bytes == gbk + Array("{U+4DAE}{U+2A6A5},\"a,b\"\r\n".utf8))
        var gb = CSVWriter(encoding: .gb18030)
        gb.row(["𪚥"])
        #expect(gb.take() == [0x98, 0x35, 0xEE, 0x37, 0x0D, 0x0A])
    }

    /// What the writer writes, sgw's reader reads back as the same fields: delimiters, quotes, line breaks and
    /// empty fields inside fields, in each encoding; formulas come back defused.
    @Test(arguments: [TextEncoding.utf8, .utf8BOM, .gbk, .gb18030])
    func rowsReadBackAsWritten(_ encoding: TextEncoding) throws {
        let rows = [["名称", "说明", "空"], ["a;b", "say \"hi\"\r\nnext line", ""], ["张三", "=1+1", "-5"]]
        var writer = CSVWriter(delimiter: UInt8(ascii: ";"), encoding: encoding)
        for row in rows { writer.row(row) }
        let dir = try TemporaryDirectory(prefix: "sgw-csv")
        defer { dir.remove() }
        let path = dir.path + "/out.csv"
        try Data(writer.take()).write(to: URL(fileURLWithPath: path))
        var reader = CSVReader(source: try ByteSource(path: path), format: CSVFormat(delimiter: UInt8(ascii: ";"), encoding: encoding))
        var read: [[String?]] = []
        while let r = try reader.next() {
            guard case .record(let record) = r else { Issue.record("unreadable: \(r)"); continue }
            read.append(record.values)
        }
        #expect(read == [["a;b", "say \"hi\"\r\nnext line", ""], ["张三", "'=1+1", "-5"]])
    }
}
