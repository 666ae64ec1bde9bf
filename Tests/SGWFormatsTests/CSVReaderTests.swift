import Foundation
import PropertyBased
import SGWFormats
import SGWTesting
import Testing

@Suite struct CSVReaderTests {
    func read(_ bytes: [UInt8], _ format: CSVFormat = CSVFormat()) throws -> [ReadResult] {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/in.csv"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        var reader = CSVReader(source: try ByteSource(path: path), format: format)
        var out: [ReadResult] = []
        while let r = try reader.next() { out.append(r) }
        return out
    }

    func records(_ results: [ReadResult]) -> [[String?]] {
        results.compactMap { if case .record(let r) = $0 { r.values } else { nil } }
    }

    @Test func rfc4180QuotingAndLineEnds() throws {
        let text = "a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",z\n3,,\n"
        let results = try read(Array(text.utf8))
        #expect(records(results) == [["1", "x, y", "say \"hi\""], ["2", "two\nlines", "z"], ["3", "", ""]])
        if case .record(let r) = results[2] {
            #expect(r.location.number == 4)  // the spreadsheet row: row 3 spans two lines
            #expect(r.location.line == 5)
        }
    }

    /// The reader makes each field's String without checking its bytes again (the record was checked whole): every
    /// field must still be exactly the text written, whatever characters, quotes and line breaks it holds.
    @Test func fieldsAreTheTextWrittenWhateverTheyHold() async {
        let pieces = ["a", "Z", "1", " ", ",", "\"", "\n", "\t", "é", "e\u{301}", "甲", "䶮", "𪚥", "😀", "Ａ", "\u{3000}", "\u{FEFF}"]
        let cell = Gen.int(in: 0...(pieces.count - 1)).array(of: 0...5)
        await propertyCheck(count: 300, input: cell.array(of: 2...4).array(of: 1...3), Gen.int(in: 0...2)) { rows, encoding in
            let width = rows.map(\.count).min()!
            let table = rows.map { $0.prefix(width).map { $0.map { pieces[$0] }.joined() } }
            func field(_ text: String, _ n: Int) -> String {
                text.contains(where: { ",\"\n".contains($0) }) || n % 2 == 0 ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
            }
            let header = (0..<width).map { "c\($0)" }.joined(separator: ",")
            let text = ([header] + table.map { $0.enumerated().map { field($1, $0) }.joined(separator: ",") }).joined(separator: "\n") + "\n"
            let format = CSVFormat(encoding: [TextEncoding.utf8, .auto, .gb18030][encoding])
            let bytes = encoding == 2 ? try Self.gb18030(text) : Array(text.utf8)
            let read = records(try read(bytes, format))
            #expect(read.map { $0.map { $0.map { Array($0.utf8) } } } == table.map { $0.map { Array($0.utf8) } }, "\(text.debugDescription)")
        }
    }

    /// `text` in GB18030, by iconv.
    static func gb18030(_ text: String) throws -> [UInt8] {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let input = dir.path + "/utf8", output = dir.path + "/gb"
        try Data(text.utf8).write(to: URL(fileURLWithPath: input))
        let iconv = Process()
        iconv.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        iconv.arguments = ["-f", "UTF-8", "-t", "GB18030", "-o", output, input]
        try iconv.run()
        iconv.waitUntilExit()
        return Array(try Data(contentsOf: URL(fileURLWithPath: output)))
    }

    @Test func gbkAndGB18030FourByteSequences() throws {
        // "名称,字\n张三,龑䶮𪚥\n" in GB18030: 䶮 is FE 9F, 𪚥 (U+2A6A5) the four-byte sequence 98 35 EE 37.
        let gb: [UInt8] = [0xC3, 0xFB, 0xB3, 0xC6, 0x2C, 0xD7, 0xD6, 0x0A,
                           0xD5, 0xC5, 0xC8, 0xFD, 0x2C, 0xFD, 0x8C, 0xFE, 0x9F, 0x98, 0x35, 0xEE, 0x37, 0x0A]
        for encoding in [TextEncoding.gb18030, .gbk, .auto] {
            let results = try read(gb, CSVFormat(encoding: encoding))
            #expect(records(results) == [["张三", "龑䶮𪚥"]], "\(encoding)")
        }
    }

    @Test func utf8WithBOMAndAuto() throws {
        let results = try read([0xEF, 0xBB, 0xBF] + Array("名称,代码\n甲,1\n".utf8))
        guard case .record(let r) = results.first else { Issue.record("no record"); return }
        #expect(r.names.names == ["名称", "代码"])
        #expect(r["名称"] == "甲")
    }

    @Test func badRowsAreRejectedAndTheFileGoesOn() throws {
        var bytes = Array("a,b\n1,2\n3\n4,5,6\n".utf8)
        bytes += [0x37, 0x2C, 0xFF, 0xFE, 0x0A]  // not UTF-8
        bytes += Array("8,9\n".utf8)
        let results = try read(bytes, CSVFormat(encoding: .utf8))
        let codes = results.map { r -> String in
            switch r {
            case .record(let rec): return "ok \(rec.location.number)"
            case .unreadable(let u): return "\(u.code) \(u.location.number)"
            }
        }
        #expect(codes == ["ok 2", "field-count 3", "field-count 4", "encoding 5", "ok 6"])
    }

    /// A rejected row keeps its text as a CSV row, for the rejects file, in an array of its own: sharing the reader's
    /// buffer (sized by the longest row so far) made the reader allocate that size again for every later row, and
    /// 2,000 short rejected rows after a long one reserved gigabytes.
    @Test func aRejectedRowKeepsOnlyItsOwnBytes() throws {
        var text = "a,b\n" + "1," + String(repeating: "x", count: 200_000) + "\n"
        for i in 0..<50 { text += "\(i),\"t,o\"\"o\",many\n" }
        let results = try read(Array(text.utf8))
        var rejected = 0
        for case .unreadable(let u) in results {
            rejected += 1
            #expect(String(decoding: u.raw, as: UTF8.self) == "\(rejected - 1),\"t,o\"\"o\",many")
            #expect(u.raw.capacity < 4096, "a rejected row holds \(u.raw.capacity) bytes of capacity")
        }
        #expect(rejected == 50)
    }

    @Test func undecodableGBKBytesRejectOnlyTheirRow() throws {
        let bytes: [UInt8] = Array("a,b\n".utf8) + [0x31, 0x2C, 0xC3, 0xFB, 0x0A] + [0x32, 0x2C, 0xFF, 0x0A] + Array("3,x\n".utf8)
        let results = try read(bytes, CSVFormat(encoding: .gbk))
        #expect(records(results) == [["1", "名"], ["3", "x"]])
        #expect(results.contains { if case .unreadable(let u) = $0 { u.code == "encoding" && u.location.number == 3 } else { false } })
    }

    @Test func aHugeLineIsOneRejectionWithBoundedMemory() throws {
        var bytes = Array("a,b\n".utf8)
        bytes += [UInt8](repeating: 0x41, count: 3 << 20)
        bytes += Array(",x\n1,2\n".utf8)
        let results = try read(bytes, CSVFormat(maxRecordBytes: 1 << 20))
        #expect(results.count == 2)
        if case .unreadable(let u) = results[0] { #expect(u.code == "too-large") } else { Issue.record("expected too-large") }
        #expect(records(results) == [["1", "2"]])
    }

    @Test func headerRowBelowATitleAndOtherDelimiters() throws {
        let text = "临淄区许可信息表\n名称;代码\n甲;1\n"
        let results = try read(Array(text.utf8), CSVFormat(delimiter: UInt8(ascii: ";"), headerRow: 2))
        #expect(records(results) == [["甲", "1"]])
    }

    @Test func anUnterminatedQuoteEndsTheFileSayingWhere() throws {
        #expect {
            _ = try read(Array("a,b\n1,2\n3,\"open\n4,5\n".utf8))
        } throws: { error in
            (error as? FormatError)?.code == "malformed" && "\(error)".contains("opened in row 3")
        }
    }

    @Test func jsonRecordsAtAPathAndJSONLines() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let doc = try dir.write("page.json", #"{"data":{"list":[{"a":"1","n":{"m":"x"}},{"a":null,"b":0.5}]}}"#)
        var reader = JSONRecordReader(source: try ByteSource(path: doc), format: JSONFormat(recordsPath: "data.list"))
        guard case .record(let first)? = try reader.next(), case .record(let second)? = try reader.next() else {
            Issue.record("expected two records"); return
        }
        #expect(first["a"] == "1" && first["n.m"] == "x")
        #expect(second["a"] == nil && second["b"] == "0.5")
        #expect(try reader.next() == nil)
        let lines = try dir.write("l.jsonl", "{\"a\":1}\nnot json\n\n{\"a\":2}\n")
        var lr = JSONRecordReader(source: try ByteSource(path: lines), format: JSONFormat(lines: true))
        var kinds: [String] = []
        while let r = try lr.next() {
            if case .record(let rec) = r { kinds.append("ok \(rec["a"] ?? "")") } else if case .unreadable(let u) = r { kinds.append(u.code) }
        }
        #expect(kinds == ["ok 1", "malformed", "ok 2"])
        let broken = try dir.write("broken.json", "{\"data\": [")
        var br = JSONRecordReader(source: try ByteSource(path: broken), format: JSONFormat())
        #expect(throws: FormatError.self) { _ = try br.next() }
    }

    /// Nesting past 32 levels is refused before decoding (JSONDecoder took 20 s on a 6 KB line 450 levels deep);
    /// brackets inside strings do not count.
    @Test func jsonNestedTooDeepIsRefusedBeforeDecoding() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let deep = String(repeating: "{\"a\":", count: 33) + "1" + String(repeating: "}", count: 33)
        let inString = #"{"a":""# + String(repeating: "[{", count: 100) + #"\"", "b":[[1]]}"#
        let lines = try dir.write("l.jsonl", deep + "\n" + inString + "\n")
        var lr = JSONRecordReader(source: try ByteSource(path: lines), format: JSONFormat(lines: true))
        var kinds: [String] = []
        while let r = try lr.next() {
            if case .record = r { kinds.append("ok") } else if case .unreadable(let u) = r { kinds.append(u.code) }
        }
        #expect(kinds == ["too-deep", "ok"])
        let doc = try dir.write("deep.json", #"{"data":{"list":["# + deep + "]}}")
        var dr = JSONRecordReader(source: try ByteSource(path: doc), format: JSONFormat(recordsPath: "data.list"))
        #expect { _ = try dr.next() } throws: { error in (error as? FormatError)?.code == "limit" }
    }
}

@Suite struct CSVHeaderEncodingTests {
    @Test func aGBKFileReadAsUTF8StopsAtTheHeaderWithAHint() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/gbk.csv"
        try Data([0xC3, 0xFB, 0xB3, 0xC6, 0x2C, 0x41, 0x0A, 0x31, 0x2C, 0x32, 0x0A]).write(to: URL(fileURLWithPath: path))
        var reader = CSVReader(source: try ByteSource(path: path), format: CSVFormat(encoding: .utf8))
        #expect {
            _ = try reader.next()
        } throws: { error in
            (error as? FormatError)?.code == "encoding" && "\(error)".contains("set the adapter's encoding to gbk")
        }
    }
}
