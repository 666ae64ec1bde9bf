import Foundation
import SGWFormats
import SGWTesting
import Testing
import ZIPFoundation

/// Builds small workbooks part by part: each test says only the parts it is about.
private struct Workbook {
    var sheets: [(name: String, xml: String)] = []
    var sharedStrings: String?
    var styles: String?
    var date1904 = false

    /// A worksheet whose `<sheetData>` holds `rows`.
    static func sheet(_ rows: String) -> String {
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
            + rows + "</sheetData></worksheet>"
    }

    var parts: [(String, Data)] {
        var parts: [(String, String)] = []
        let sheetList = sheets.indices.map { #"<sheet name="\#(sheets[$0].name)" sheetId="\#($0 + 1)" r:id="rId\#($0 + 1)"/>"# }
        parts.append(("xl/workbook.xml", #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
            + (date1904 ? #"<workbookPr date1904="1"/>"# : "<workbookPr/>") + "<sheets>" + sheetList.joined() + "</sheets></workbook>"))
        let relations = sheets.indices.map {
            #"<Relationship Id="rId\#($0 + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#($0 + 1).xml"/>"#
        }
        parts.append(("xl/_rels/workbook.xml.rels", #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + relations.joined() + "</Relationships>"))
        for (i, sheet) in sheets.enumerated() { parts.append(("xl/worksheets/sheet\(i + 1).xml", sheet.xml)) }
        if let sharedStrings { parts.append(("xl/sharedStrings.xml", sharedStrings)) }
        if let styles { parts.append(("xl/styles.xml", styles)) }
        return parts.map { ($0.0, Data($0.1.utf8)) }
    }

    /// Writes the workbook as a zip at `path`.
    func write(to path: String) throws {
        try writeZip(parts, to: path)
    }
}

private func writeZip(_ parts: [(String, Data)], to path: String) throws {
    let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
    for (name, data) in parts {
        try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                             bufferSize: 1 << 16) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }
}

/// Reads every result; the error that ended reading, if any.
private func readAll(_ path: String, format: XLSXFormat = XLSXFormat()) -> (results: [ReadResult], error: FormatError?) {
    var results: [ReadResult] = []
    do {
        var reader = try XLSXRecordReader(path: path, format: format)
        while let result = try reader.next() { results.append(result) }
        return (results, nil)
    } catch {
        return (results, error)
    }
}

private func records(_ results: [ReadResult]) -> [RawRecord] {
    results.compactMap { if case .record(let record) = $0 { record } else { nil } }
}

@Suite struct XLSXRecordReaderTests {
    @Test func readsTheLinziSample() throws {
        let (results, error) = readAll(Repository.root + "/examples/inbox/linzi-licences.xlsx", format: XLSXFormat(headerRow: 2))
        #expect(error == nil)
        let rows = records(results)
        #expect(rows.count == 30)
        let first = try #require(rows.first)
        #expect(first.names.names == ["序号", "事项名称", "许可证编号", "行政相对人名称", "统一社会信用代码", "法定代表人", "许可日期", "有效期至", "许可内容"])
        #expect(first.location == RecordLocation(.row, 3))
        #expect(first["序号"] == "1")
        #expect(first["行政相对人名称"] == "淄博萌水商贸有限公司")
        // G and H carry style 1, numFmt 164 "yyyy-mm-dd": the serials 45549 and 46643 are dates.
        #expect(first["许可日期"] == "2024-09-14")
        #expect(first["有效期至"] == "2027-09-13")
        let row7 = try #require(rows.first { $0.location.number == 7 })
        #expect(row7["法定代表人"] == "")
        #expect(row7["有效期至"] == "长期")
        #expect(rows.last?.location == RecordLocation(.row, 32))
        #expect(rows.last?["许可日期"] == "2024-09-17")
    }

    @Test func resolvesCellTypesStylesAndGaps() throws {
        let folder = try TemporaryDirectory(prefix: "sgw-xlsx")
        defer { folder.remove() }
        var book = Workbook()
        book.sharedStrings = """
            <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">\
            <si><t>名称</t></si><si><t xml:space="preserve"> 日期 </t></si>\
            <si><r><rPr><b/></rPr><t>富</t></r><r><t>文本</t></r><rPh sb="0" eb="1"><t>ふ</t></rPh></si>\
            <si><t>A &amp; B</t></si></sst>
            """
        book.styles = """
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
            <numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>\
            <numFmt numFmtId="165" formatCode="0.00&quot;d&quot;"/></numFmts>\
            <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>\
            <cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="22"/></cellXfs>\
            </styleSheet>
            """
        book.sheets = [("数据", Workbook.sheet("""
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>标志</t></is></c>\
            <c r="D1" t="inlineStr"><is><t>数</t></is></c><c r="E1" t="inlineStr"><is><t>公式</t></is></c></row>\
            <row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" s="1"><v>45549</v></c><c r="C2" t="b"><v>1</v></c>\
            <c r="D2" s="3"><v>12.5</v></c><c r="E2" t="str"><f>A2&amp;"x"</f><v>富文本x</v></c><c r="G2"><v>beyond</v></c></row>\
            <row r="3"/>\
            <row r="4"><c r="B4" s="2"><v>61</v></c><c r="C4" t="e"><v>#N/A</v></c><c r="D4"><v>1.5E-3</v></c></row>\
            <row r="5"><c r="A5" t="s"><v>3</v></c><c r="B5" s="4"><v>45549.75</v></c></row>\
            <row r="6"><c r="H6"><v>only beyond the header</v></c></row>\
            <row r="7"><c r="A7" t="s"><v>99</v></c></row>
            """))]
        let path = folder.path + "/book.xlsx"
        try book.write(to: path)
        let (results, error) = readAll(path)
        #expect(error == nil)
        let rows = records(results)
        #expect(rows.count == 3)
        #expect(rows.first?.names.names == ["名称", "日期", "标志", "数", "公式"])
        #expect(rows.map(\.location.number) == [2, 4, 5])
        #expect(rows[0].values == ["富文本", "2024-09-14", "TRUE", "12.5", "富文本x"])
        #expect(rows[1].values == ["", "1900-03-01", "#N/A", "1.5E-3", ""])
        #expect(rows[2].values == ["A & B", "2024-09-14 18:00:00", "", "", ""])
        // A shared string index that does not exist spoils its row only.
        guard case .unreadable(let bad)? = results.last else { Issue.record("no unreadable row"); return }
        #expect(bad.location == RecordLocation(.row, 7))
        #expect(bad.code == "malformed")
    }

    @Test func picksASheetByNameAndKnows1904() throws {
        let folder = try TemporaryDirectory(prefix: "sgw-xlsx")
        defer { folder.remove() }
        var book = Workbook()
        book.date1904 = true
        book.styles = #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>"#
        book.sheets = [
            ("一", Workbook.sheet(#"<row r="1"><c r="A1" t="inlineStr"><is><t>X</t></is></c></row><row r="2"><c r="A2"><v>1</v></c></row>"#)),
            ("二", Workbook.sheet(#"<row r="1"><c r="A1" t="inlineStr"><is><t>标题</t></is></c></row><row r="3"><c r="A3" t="inlineStr"><is><t> 日期 </t></is></c></row><row r="4"><c r="A4" s="1"><v>0</v></c></row>"#)),
        ]
        let path = folder.path + "/book.xlsx"
        try book.write(to: path)
        let (results, error) = readAll(path, format: XLSXFormat(sheet: "二", headerRow: 3))
        #expect(error == nil)
        let rows = records(results)
        #expect(rows.count == 1)
        #expect(rows.first?["日期"] == "1904-01-01")
        #expect(rows.first?.location == RecordLocation(.row, 4))
        // Without a name: the first sheet.
        #expect(records(readAll(path).results).first?["X"] == "1")
        // A name that is not there: the error lists the names that are.
        let missing = readAll(path, format: XLSXFormat(sheet: "三")).error
        #expect(missing?.code == "structure")
        #expect(missing?.message.contains("'一', '二'") == true)
    }

    @Test func aMissingHeaderRowIsAnError() throws {
        let folder = try TemporaryDirectory(prefix: "sgw-xlsx")
        defer { folder.remove() }
        var book = Workbook()
        book.sheets = [("S", Workbook.sheet(#"<row r="3"><c r="A3"><v>1</v></c></row>"#))]
        let path = folder.path + "/book.xlsx"
        try book.write(to: path)
        #expect(readAll(path, format: XLSXFormat(headerRow: 2)).error?.code == "structure")
        // An empty sheet simply has no records.
        book.sheets = [("S", Workbook.sheet(""))]
        try FileManager.default.removeItem(atPath: path)
        try book.write(to: path)
        let empty = readAll(path)
        #expect(empty.error == nil)
        #expect(empty.results.isEmpty)
    }

    /// A row number past Excel's last row (found by fuzzing: Int.max, then a row without `r`, trapped on overflow)
    /// counts as the next row.
    @Test func aRowNumberBeyondTheSheetIsNoCrash() throws {
        let folder = try TemporaryDirectory(prefix: "sgw-xlsx")
        defer { folder.remove() }
        var book = Workbook()
        book.sheets = [("S", Workbook.sheet(#"<row r="1"><c r="A1" t="inlineStr"><is><t>名称</t></is></c></row>"#
            + #"<row r="9223372036854775807"><c r="A2" t="inlineStr"><is><t>甲</t></is></c></row>"#
            + #"<row><c r="A3" t="inlineStr"><is><t>乙</t></is></c></row>"#))]
        let path = folder.path + "/book.xlsx"
        try book.write(to: path)
        let (results, error) = readAll(path)
        #expect(error == nil)
        #expect(records(results).map { $0["名称"] } == ["甲", "乙"])
    }

    @Test func aFileThatIsNotAZipIsAnError() throws {
        let folder = try TemporaryDirectory(prefix: "sgw-xlsx")
        defer { folder.remove() }
        let path = try folder.write("fake.xlsx", "序号,名称\n1,x\n")
        #expect(readAll(path).error?.code == "zip")
        #expect(readAll(folder.path + "/absent.xlsx").error?.code == "io")
        // An old .xls (or an encrypted workbook) is an OLE file: the message says what to do.
        let xls = folder.path + "/old.xls"
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)).write(to: URL(fileURLWithPath: xls))
        let old = readAll(xls).error
        #expect(old?.code == "zip")
        #expect(old?.message.contains("save it as .xlsx") == true)
        // A zip that is not a workbook.
        let other = folder.path + "/other.xlsx"
        try writeZip([("readme.txt", Data("hello".utf8))], to: other)
        #expect(readAll(other).error?.code == "structure")
    }

    @Test func refusesADoctypeInASheet() throws {
        let folder = try TemporaryDirectory(prefix: "sgw-xlsx")
        defer { folder.remove() }
        var book = Workbook()
        book.sheets = [("S", #"<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row></sheetData></worksheet>"#)]
        let path = folder.path + "/book.xlsx"
        try book.write(to: path)
        let (results, error) = readAll(path)
        #expect(results.isEmpty)
        #expect(error?.code == "dtd")
    }

    @Test func streamsALargeSheetAndStopsWhenDropped() throws {
        let folder = try TemporaryDirectory(prefix: "sgw-xlsx")
        defer { folder.remove() }
        var rows = #"<row r="1"><c r="A1" t="inlineStr"><is><t>N</t></is></c><c r="B1" t="inlineStr"><is><t>T</t></is></c></row>"#
        for n in 2...3_001 {
            rows += #"<row r="\#(n)"><c r="A\#(n)"><v>\#(n)</v></c><c r="B\#(n)" t="inlineStr"><is><t>行\#(n)</t></is></c></row>"#
        }
        var book = Workbook()
        book.sheets = [("S", Workbook.sheet(rows))]
        let path = folder.path + "/big.xlsx"
        try book.write(to: path)
        var reader = try XLSXRecordReader(path: path, format: XLSXFormat())
        for _ in 0..<10 { _ = try reader.next() }
        guard case .record(let tenth)? = try reader.next() else { Issue.record("no record"); return }
        #expect(tenth["N"] == "12")
        #expect(tenth["T"] == "行12")
        // Dropping the reader here closes its queue; the parsing thread stops instead of waiting forever for room.
        reader = try XLSXRecordReader(path: path, format: XLSXFormat())
        var count = 0
        while case .record? = try reader.next() { count += 1 }
        #expect(count == 3_000)
        // Both threads are gone soon (other tests' readers end within the wait too).
        let deadline = ContinuousClock.now + .seconds(30)
        while parsingThreads() > 0 && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.01) }
        #expect(parsingThreads() == 0)
    }

    /// The threads of this process named like the XLSX parsing thread (Linux names threads in /proc).
    private func parsingThreads() -> Int {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        return tasks.filter { task in
            let name = try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8)
            return name?.hasPrefix("sgw-xlsx") == true
        }.count
    }
}

@Suite struct XLSXZipBombTests {
    /// A workbook whose sheet is `size` bytes that compress to almost nothing (spaces inside `<sheetData>`).
    private func bomb(size: Int, in folder: TemporaryDirectory) throws -> String {
        let head = Data(Workbook.sheet("").replacingOccurrences(of: "</sheetData></worksheet>", with: "").utf8)
        let tail = Data("</sheetData></worksheet>".utf8)
        let padding = size - head.count - tail.count
        var book = Workbook()
        book.sheets = [("S", "")]
        var parts = book.parts.filter { $0.0 != "xl/worksheets/sheet1.xml" }
        var sheet = head
        sheet.append(Data(repeating: 0x20, count: padding))
        sheet.append(tail)
        parts.append(("xl/worksheets/sheet1.xml", sheet))
        let path = folder.path + "/bomb-\(size).xlsx"
        try writeZip(parts, to: path)
        return path
    }

    @Test func refusesAnEntryWhoseRatioIsTooHigh() throws {
        let folder = try TemporaryDirectory(prefix: "sgw-xlsx")
        defer { folder.remove() }
        let path = try bomb(size: 8 << 20, in: folder)
        // Refused by the ratio check made before inflating (its message), not by running into a limit later; no
        // assertion on time, which a loaded CI machine would make flaky.
        let error = readAll(path).error
        #expect(error?.code == "limit")
        #expect(error?.message.contains("would inflate") == true && error?.message.contains("times, more than") == true)
    }

    @Test func refusesAnEntryLargerThanAllowed() throws {
        let folder = try TemporaryDirectory(prefix: "sgw-xlsx")
        defer { folder.remove() }
        let path = try bomb(size: 2 << 20, in: folder)
        let error = readAll(path, format: XLSXFormat(maxEntryBytes: 1 << 20, maxInflateRatio: 10_000)).error
        #expect(error?.code == "limit")
        #expect(error?.place == "xl/worksheets/sheet1.xml")
    }

    @Test func stopsAnEntryThatLiesAboutItsSize() throws {
        let folder = try TemporaryDirectory(prefix: "sgw-xlsx")
        defer { folder.remove() }
        let path = try bomb(size: 4 << 20, in: folder)
        // Rewrite the sheet's central-directory record to declare 1000 bytes: small enough to pass every check
        // made before inflating, so only counting while inflating can stop it.
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let name = Array("xl/worksheets/sheet1.xml".utf8)
        var patched = false
        for i in 0..<(bytes.count - 46 - name.count) where bytes[i..<(i + 4)].elementsEqual([0x50, 0x4B, 0x01, 0x02]) {
            let nameLength = Int(bytes[i + 28]) | Int(bytes[i + 29]) << 8
            guard nameLength == name.count, bytes[(i + 46)..<(i + 46 + nameLength)].elementsEqual(name) else { continue }
            bytes.replaceSubrange((i + 24)..<(i + 28), with: [0xE8, 0x03, 0x00, 0x00])
            patched = true
        }
        #expect(patched)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        // Stopped by the count kept while inflating (its message).
        let error = readAll(path).error
        #expect(error?.code == "limit")
        #expect(error?.message.contains("inflates to more than") == true)
    }
}

/// Workbooks that break the rules (issue 28): a huge string table, a password, a cut-off file, a tag of many
/// attributes.
@Suite struct XLSXHostileInputTests {
    static let header = Workbook.sheet(#"<row r="1"><c r="A1" t="inlineStr"><is><t>名称</t></is></c></row><row r="2"><c r="A2" t="s"><v>0</v></c></row>"#)

    func book(_ sharedStrings: String) throws -> (TemporaryDirectory, String) {
        let folder = try TemporaryDirectory(prefix: "sgw-xlsx")
        var book = Workbook()
        book.sheets = [("s", Self.header)]
        book.sharedStrings = sharedStrings
        try book.write(to: folder.path + "/book.xlsx")
        return (folder, folder.path + "/book.xlsx")
    }

    @Test func tooManySharedStringsAreReportedClearly() throws {
        let items = String(repeating: "<si><t>x</t></si>", count: 5_000)
        let sst = #"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"# + items + "</sst>"
        let (folder, path) = try book(sst)
        defer { folder.remove() }
        #expect(records(readAll(path, format: XLSXFormat(maxSharedStrings: 5_000)).results).first?["名称"] == "x")
        let (_, error) = readAll(path, format: XLSXFormat(maxSharedStrings: 4_999))
        #expect(error?.code == "limit" && error?.message.contains("max_shared_strings") == true)
        #expect(error?.place == "xl/sharedStrings.xml")
        // A table that declares its size is refused before it is read.
        let (folder2, declared) = try book(sst.replacingOccurrences(of: "main\">", with: "main\" uniqueCount=\"9000000\">"))
        defer { folder2.remove() }
        #expect(readAll(declared).error?.message.contains("declares 9000000 shared strings") == true)
        // Their memory counts as well as their number.
        #expect(readAll(path, format: XLSXFormat(maxSharedStringsBytes: 100_000)).error?.message.contains("max_shared_strings_bytes") == true)
    }

    @Test func aPasswordProtectedZipIsSaidToBeOne() throws {
        let (folder, path) = try book("<sst/>")
        defer { folder.remove() }
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[6] |= 1  // the first entry's general-purpose flag: encrypted
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let error = readAll(path).error
        #expect(error?.message.contains("password-protected") == true, "\(String(describing: error))")
    }

    @Test func aTruncatedWorkbookIsSaidToBeCutShort() throws {
        let (folder, path) = try book("<sst/>")
        defer { folder.remove() }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path))
        let error = readAll(path).error
        #expect(error?.code == "zip" && error?.message.contains("truncated or damaged") == true, "\(String(describing: error))")
    }

    @Test func aCellWithThousandsOfAttributesIsRefusedBeforeLibxml2() throws {
        let attributes = (0..<50_000).map { " a\($0)=\"1\"" }.joined()
        let folder = try TemporaryDirectory(prefix: "sgw-xlsx")
        defer { folder.remove() }
        var book = Workbook()
        book.sheets = [("s", Workbook.sheet(#"<row r="1"><c r="A1"\#(attributes) t="inlineStr"><is><t>名称</t></is></c></row>"#))]
        try book.write(to: folder.path + "/book.xlsx")
        let started = Date()
        let error = readAll(folder.path + "/book.xlsx").error
        #expect(error?.code == "limit" && error?.message.contains("more than 256 attributes") == true)
        #expect(error?.place == "xl/worksheets/sheet1.xml line 1")
        #expect(Date().timeIntervalSince(started) < 5)
    }
}
