import Foundation
import SGWFormats
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
}
