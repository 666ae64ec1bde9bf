import Foundation
import SGWFormats
import SGWTesting
import Testing

/// CSV input that breaks the rules (issue 28): old Mac line ends, a stray quote, a UTF-8 file under a GBK adapter,
/// duplicate headers.
@Suite struct CSVHostileInputTests {
    func read(_ bytes: [UInt8], _ format: CSVFormat = CSVFormat()) throws -> [ReadResult] {
        var reader = CSVReader(source: ByteSource(bytes: bytes, name: "in.csv"), format: format)
        var out: [ReadResult] = []
        while let r = try reader.next() { out.append(r) }
        return out
    }

    func values(_ results: [ReadResult]) -> [[String?]] {
        results.compactMap { if case .record(let r) = $0 { r.values } else { nil } }
    }

    @Test func carriageReturnAloneEndsLines() throws {
        let rows = (1...60).map { "n\($0),\"v\r\($0)\"" }
        let text = "name,value\r" + rows.joined(separator: "\r") + "\r"
        let results = try read(Array(text.utf8))
        #expect(values(results).count == 60)
        #expect(values(results).first == ["n1", "v\r1"])  // a CR inside quotes stays in the value
        guard case .record(let last)? = results.last else { Issue.record("no record"); return }
        #expect(last.location.number == 61 && last["value"] == "v\r60")
    }

    @Test func aCRFileWithSomeCRLFLinesReadsEachOnce() throws {
        let results = try read(Array("a,b\r1,2\r\n3,4\r5,6".utf8))
        #expect(values(results) == [["1", "2"], ["3", "4"], ["5", "6"]])
    }

    @Test func crlfAndLFFilesAreUnchanged() throws {
        #expect(values(try read(Array("a,b\r\n1,\"x\r\ny\"\r\n3,4\r\n".utf8))) == [["1", "x\r\ny"], ["3", "4"]])
        #expect(values(try read(Array("a,b\n1,2\n".utf8))) == [["1", "2"]])
    }

    /// An opening quote closed hundreds of lines later: the rejection names the lines swallowed, stands for each of
    /// them, and keeps all of its bytes.
    @Test func aStrayQuoteNamesAndKeepsTheLinesItSwallowed() throws {
        var lines = ["名称,代码,备注"]
        for i in 2...600 { lines.append(i == 4 ? "甲\(i),\"\(i),说明" : i == 500 ? "乙\(i),\(i)\",x,y" : "丙\(i),\(i),备注\(i)") }
        let results = try read(Array((lines.joined(separator: "\n") + "\n").utf8))
        let unreadable = results.compactMap { if case .unreadable(let u) = $0 { u } else { nil } }
        let u = try #require(unreadable.first)
        #expect(unreadable.count == 1)
        #expect(u.location.line == 4 && u.location.lastLine == 500 && u.location.rows == 497)
        #expect(u.location.description == "row 4 (lines 4–500)")
        #expect(u.message.contains("lines 4–500 were read as one row"))
        let raw = String(decoding: u.raw, as: UTF8.self)
        #expect(raw.hasPrefix("甲4,\"4,说明\n") && raw.contains("丙499,499,备注499") && raw.hasSuffix(",x,y"))
        #expect(values(results).count == 2 + 100)  // rows 2-3 and 501-600
    }

    @Test func aRowCutAtTheSizeLimitKeepsWholeCharacters() throws {
        let big = String(repeating: "名", count: 100)
        let results = try read(Array("a,b\n1,\(big)\n".utf8), CSVFormat(maxRecordBytes: 100))
        guard case .unreadable(let u)? = results.first else { Issue.record("not unreadable"); return }
        #expect(u.code == "too-large")
        #expect(String(validating: u.raw, as: UTF8.self) != nil)
    }

    @Test func aUTF8FileUnderAGBKAdapterIsToldToSayUTF8() throws {
        // 龘 in UTF-8 (E9 BE 98) is not a GB18030 sequence iconv decodes to a character: the header fails.
        let text = "编号,名称龘\n1,甲\n"
        do {
            _ = try read(Array(text.utf8), CSVFormat(encoding: .gbk))
            Issue.record("read without error")
        } catch let error as FormatError {
            #expect(error.code == "encoding")
            #expect(error.message.contains("encoding to utf-8"))
            #expect(!error.message.contains("to gbk"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func duplicateHeadersAreListed() throws {
        let results = try read(Array("编号,名称,编号\n1,甲,2\n".utf8))
        guard case .record(let r)? = results.first else { Issue.record("no record"); return }
        #expect(r.names.duplicates == ["编号"])
        #expect(r["编号"] == "1")
    }
}
