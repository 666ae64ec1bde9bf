import Foundation
import SGWFormats
import SGWTesting
import Testing

/// Reads every result of an XML document, returning the records read and the error that ended it (if any).
private func readAll(_ bytes: [UInt8], format: XMLFormat = XMLFormat(recordPath: "DATA/ROW")) throws
    -> (records: [RawRecord], error: FormatError?) {
    let folder = try TemporaryDirectory(prefix: "sgw-xml")
    defer { folder.remove() }
    let path = folder.path + "/doc.xml"
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    var reader = try XMLRecordReader(path: path, format: format)
    var records: [RawRecord] = []
    do {
        while let result = try reader.next() {
            guard case .record(let record) = result else { Issue.record("unexpected \(result)"); continue }
            records.append(record)
        }
    } catch {
        return (records, error)
    }
    return (records, nil)
}

private func readAll(_ text: String, format: XMLFormat = XMLFormat(recordPath: "DATA/ROW")) throws
    -> (records: [RawRecord], error: FormatError?) {
    try readAll(Array(text.utf8), format: format)
}

@Suite struct XMLRecordReaderTests {
    @Test func readsTheQufuSample() throws {
        var reader = try XMLRecordReader(path: Repository.root + "/examples/inbox/qufu-approvals.xml",
                                         format: XMLFormat(recordPath: "DATA/ROW"))
        var records: [RawRecord] = []
        while case .record(let record)? = try reader.next() { records.append(record) }
        #expect(records.count == 40)
        let first = try #require(records.first)
        #expect(first.names.names == ["SXMC", "FLWSBH", "XDRMC", "XDRLXFS", "DZ", "ZJHM", "SPRQ", "YXQ", "SPNR", "JGBM", "BZ"])
        #expect(first["SXMC"] == "烟花爆竹经营（零售）许可")
        #expect(first["FLWSBH"] == "QU审批〔2024〕1号")
        #expect(first["SPRQ"] == "2024-10-28 00:00:00")
        #expect(first["BZ"] == "")
        #expect(first.location == RecordLocation(.element, 1, line: 4))
        #expect(records[39]["FLWSBH"] == "QU审批〔2024〕40号")
        #expect(records[39]["XDRMC"] == "王村陶瓷股份有限公司")
        // CDATA sections are text, markup inside them included.
        #expect(records.contains { $0["SPNR"] == "经营项目：物流，预包装食品销售 <含附件>" })
        // Records with the same fields share one FieldNames.
        #expect(records.allSatisfy { $0.names === first.names })
    }

    @Test func entitiesCDATAAttributesAndNames() throws {
        let xml = """
            <?xml version="1.0"?>
            <DATA><meta>ignored</meta>
              <ROW id="7" kind="a&amp;b&#x4E2D;&#38;#38;&lt;">
                <A>x &amp; y &lt; z &gt; &quot;&apos; &#x4E2D;&#20013;</A>
                <B><![CDATA[<b>&amp;</b>]]></B>
                <C/>
                <D>   padded　</D>
                <P lang="zh"><Q>1</Q><Q>2</Q></P>
                <A>again</A>
              </ROW>
            </DATA>
            """
        let (records, error) = try readAll(xml)
        #expect(error == nil)
        let record = try #require(records.first)
        #expect(records.count == 1)
        #expect(record.names.names == ["@id", "@kind", "A", "B", "C", "D", "P.@lang", "P.Q", "P.Q.1", "A.1"])
        #expect(record["@id"] == "7")
        #expect(record["@kind"] == "a&b中&#38;<")
        #expect(record["A"] == "x & y < z > \"' 中中")
        #expect(record["B"] == "<b>&amp;</b>")
        #expect(record["C"] == "")
        #expect(record["D"] == "padded")
        #expect(record["P.Q"] == "1")
        #expect(record["P.Q.1"] == "2")
        #expect(record["A.1"] == "again")
        #expect(record.location == RecordLocation(.element, 1, line: 3))
    }

    @Test func honoursAGBKDeclaration() throws {
        // "中文" in GBK is D6 D0 CE C4; libxml2 converts it as the declaration says.
        var bytes = Array("<?xml version=\"1.0\" encoding=\"GBK\"?>\n<DATA><ROW><NAME>".utf8)
        bytes += [0xD6, 0xD0, 0xCE, 0xC4]
        bytes += Array("</NAME></ROW></DATA>\n".utf8)
        let (records, error) = try readAll(bytes)
        #expect(error == nil)
        #expect(records.first?["NAME"] == "中文")
    }

    @Test func streamsAcrossChunks() throws {
        // Well over one 64 KiB chunk, in GB18030, so that records and multi-byte characters straddle chunk edges.
        var bytes = Array("<?xml version=\"1.0\" encoding=\"GB18030\"?>\n<DATA>\n".utf8)
        for i in 1...5000 {
            bytes += Array("<ROW><N>\(i)</N><T>".utf8) + [0xD6, 0xD0] + Array("</T></ROW>\n".utf8)
        }
        bytes += Array("</DATA>".utf8)
        #expect(bytes.count > 2 * 65_536)
        let (records, error) = try readAll(bytes)
        #expect(error == nil)
        #expect(records.count == 5000)
        #expect(records.last?["N"] == "5000")
        #expect(records.allSatisfy { $0["T"] == "中" })
        #expect(records.last?.location == RecordLocation(.element, 5000, line: 5002))
    }

    @Test func refusesAnExternalEntityWithoutReadingIt() throws {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <DATA><ROW><A>&x;</A></ROW></DATA>
            """
        let (records, error) = try readAll(xml)
        #expect(records.isEmpty)
        #expect(error?.code == "dtd")
        #expect(error?.place == "line 2")
    }

    @Test(arguments: ["<!doctype DATA>", "<!DocType DATA SYSTEM \"http://example.com/x.dtd\">"])
    func refusesAnyDoctype(_ doctype: String) throws {
        let (records, error) = try readAll("<?xml version=\"1.0\"?><!-- a comment -->\(doctype)<DATA><ROW><A>1</A></ROW></DATA>")
        #expect(records.isEmpty)
        #expect(error?.code == "dtd")
    }

    @Test func refusesBillionLaughs() throws {
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
        for i in 1...9 {
            xml += " <!ENTITY lol\(i) \"" + String(repeating: "&lol\(i == 1 ? "" : String(i - 1));", count: 10) + "\">\n"
        }
        xml += "]>\n<DATA><ROW><A>&lol9;</A></ROW></DATA>"
        let (records, error) = try readAll(xml)
        #expect(records.isEmpty)
        #expect(error?.code == "dtd")
    }

    @Test func refusesAnUndeclaredEntity() throws {
        let (records, error) = try readAll("<DATA><ROW><A>&nbsp;</A></ROW></DATA>")
        #expect(records.isEmpty)
        #expect(error?.code == "dtd")
    }

    @Test func aDoctypeInsideACommentIsNotOne() throws {
        let (records, error) = try readAll("<!-- not a <!DOCTYPE here --><DATA><ROW><A>1</A></ROW></DATA>")
        #expect(error == nil)
        #expect(records.count == 1)
    }

    @Test func aTruncatedDocumentEndsAfterItsCompleteRecords() throws {
        let xml = "<DATA>\n<ROW><A>1</A></ROW>\n<ROW><A>2</A></ROW>\n<ROW><A>3</A>"
        let (records, error) = try readAll(xml)
        #expect(records.map { $0["A"] } == ["1", "2"])
        #expect(error?.code == "xml")
        #expect(error?.place == "line 4")
        #expect(error?.message.contains("2 elements still open") == true)
    }

    @Test func malformedXMLNamesTheLine() throws {
        let (records, error) = try readAll("<DATA>\n<ROW><A>1</A></ROW>\n<ROW><A>2</B></ROW>\n</DATA>")
        #expect(records.map { $0["A"] } == ["1"])
        #expect(error?.code == "xml")
        #expect(error?.place == "line 3")
        // The error stays: the reader does not go on past it.
    }

    @Test func theErrorStays() throws {
        let folder = try TemporaryDirectory(prefix: "sgw-xml")
        defer { folder.remove() }
        let path = try folder.write("bad.xml", "<DATA><ROW>&</ROW></DATA>")
        var reader = try XMLRecordReader(path: path, format: XMLFormat(recordPath: "DATA/ROW"))
        #expect(throws: FormatError.self) { try reader.next() }
        #expect(throws: FormatError.self) { try reader.next() }
    }

    @Test func anEmptyFileIsAnError() throws {
        let (records, error) = try readAll("")
        #expect(records.isEmpty)
        #expect(error?.code == "xml")
        #expect(error?.message.contains("empty") == true)
    }

    @Test func deepNestingHitsTheLimit() throws {
        let xml = "<DATA><ROW>" + String(repeating: "<a>", count: 100) + String(repeating: "</a>", count: 100) + "</ROW></DATA>"
        let (records, error) = try readAll(xml)
        #expect(records.isEmpty)
        #expect(error?.code == "limit")
        // Within the limit it reads: 64 levels including DATA and ROW.
        let ok = "<DATA><ROW>" + String(repeating: "<a>", count: 62) + "x" + String(repeating: "</a>", count: 62) + "</ROW></DATA>"
        let read = try readAll(ok)
        #expect(read.error == nil)
        #expect(read.records.first?[Array(repeating: "a", count: 62).joined(separator: ".")] == "x")
    }

    @Test func aLargeRecordHitsTheLimit() throws {
        let xml = "<DATA><ROW><A>small</A></ROW><ROW><A>" + String(repeating: "x", count: 5000) + "</A></ROW></DATA>"
        let (records, error) = try readAll(xml, format: XMLFormat(recordPath: "DATA/ROW", maxRecordBytes: 1000))
        #expect(records.count == 1)
        #expect(error?.code == "limit")
    }

    @Test func aLargeFileHitsTheLimit() throws {
        let xml = "<DATA>" + String(repeating: "<ROW><A>1</A></ROW>", count: 1000) + "</DATA>"
        let (_, error) = try readAll(xml, format: XMLFormat(recordPath: "DATA/ROW", maxFileBytes: 1000))
        #expect(error?.code == "limit")
    }

    @Test func recordsAtOtherPathsAreIgnored() throws {
        let xml = "<DATA><ROW><A>1</A></ROW><X><ROW><A>2</A></X></X><ROW><A>3</A></ROW></DATA>"
        // The mismatched </X> is malformed: the records before it come first.
        let (records, error) = try readAll(xml)
        #expect(records.map { $0["A"] } == ["1"])
        #expect(error?.code == "xml")
        let (nested, none) = try readAll("<DATA><X><ROW><A>2</A></ROW></X><ROW><A>3</A></ROW></DATA>")
        #expect(none == nil)
        #expect(nested.map { $0["A"] } == ["3"])
    }

    @Test func bytesThatAreNotTheDeclaredEncodingAreAnError() throws {
        // C3 28 is not UTF-8.
        let bad = Array("<DATA>\n<ROW><A>1</A></ROW>\n<ROW><A>".utf8) + [0xC3, 0x28] + Array("</A></ROW></DATA>".utf8)
        let (records, error) = try readAll(bad)
        #expect(records.map { $0["A"] } == ["1"])
        #expect(error?.code == "xml")
        let (none, unknown) = try readAll("<?xml version=\"1.0\" encoding=\"NO-SUCH-CHARSET\"?><DATA><ROW><A>1</A></ROW></DATA>")
        #expect(none.isEmpty)
        #expect(unknown?.code == "xml")
    }

    @Test func aHugeTagHitsLibxml2sLimit() throws {
        // libxml2 holds an unfinished start tag whole; it stops at 10 MB instead of buffering the file.
        let xml = Array("<DATA><ROW a=\"".utf8) + [UInt8](repeating: 0x61, count: 11 << 20)
        let (records, error) = try readAll(xml)
        #expect(records.isEmpty)
        #expect(error?.code == "limit")
    }
}
