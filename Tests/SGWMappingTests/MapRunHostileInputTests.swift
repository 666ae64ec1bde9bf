import Foundation
import SGWCore
import SGWFormats
@testable import SGWMapping
import SGWTesting
import Testing

/// Files that break the rules, read through a mapping (issue 28): nothing is lost in silence.
@Suite struct MapRunHostileInputTests {
    /// A workspace with one supervision mapping reading `a` and `dept`, and adapters `c` (CSV), `x` (XML at
    /// DATA/ROW) and `p` (JSON, a list of pages).
    func workspace() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        try dir.write("mappings/m.yaml", Fixtures.supervisionMapping)
        try dir.write("adapters/c.yaml", "kind: file\nmapping: m\nformat: {type: csv}\nfile: {inbox: .}\n")
        try dir.write("adapters/x.yaml", "kind: file\nmapping: m\nformat: {type: xml, record_path: DATA/ROW}\nfile: {inbox: .}\n")
        try dir.write("adapters/p.yaml", "kind: file\nmapping: m\nformat: {type: json, records: '*.data.list'}\nfile: {inbox: .}\n")
        return dir
    }

    func run(_ adapterName: String, _ content: String, in dir: TemporaryDirectory) throws
        -> (summary: MapRun.Summary, rejections: [RecordRejection], locations: [String]) {
        let input = try dir.write("in-\(adapterName)", content)
        let ws = Workspace.load(directory: dir.path, profiles: ["zhoucun"])
        let (adapter, mapper) = try ws.mapper(adapter: adapterName)
        var rejections: [RecordRejection] = []
        var locations: [String] = []
        let summary = MapRun.run(adapter: adapter, mapper: mapper, path: input, workers: 2,
                                 onMessage: { locations.append($0.envelope.provenance.location ?? "") }, onRejection: { rejections.append($0) })
        return (summary, rejections, locations)
    }

    @Test(arguments: [("c", ""), ("c", "a,dept\n"), ("c", "a,dept\r\n\r\n"), ("x", "<DATA><ROWS><ROW/></ROWS></DATA>"),
                      ("p", "[]"), ("p", #"[{"data":{"list":[]}}]"#)])
    func aFileWithoutRecordsIsAnError(_ adapter: String, _ content: String) throws {
        let dir = try workspace()
        defer { dir.remove() }
        let (summary, _, _) = try run(adapter, content, in: dir)
        #expect(summary.read == 0)
        #expect(summary.fatal != nil)
        if content.isEmpty { #expect(summary.fatal?.message == "the file is empty") }
    }

    @Test func anOldMacCSVIsRead() throws {
        let dir = try workspace()
        defer { dir.remove() }
        let text = "a,dept\r" + (1...60).map { "A\($0),d" }.joined(separator: "\r") + "\r"
        let (summary, _, _) = try run("c", text, in: dir)
        #expect(summary.fatal == nil && summary.read == 60 && summary.mapped == 60)
    }

    /// Rows 4–500 swallowed by a stray quote count as 497 rejected rows: read = mapped + rejected still holds.
    @Test func linesSwallowedByAStrayQuoteAreCountedAsRejectedRows() throws {
        let dir = try workspace()
        defer { dir.remove() }
        var lines = ["a,dept"]
        for i in 2...600 { lines.append(i == 4 ? "\"A\(i),d" : i == 500 ? "A\(i)\",d,x" : "A\(i),d") }
        let (summary, rejections, _) = try run("c", lines.joined(separator: "\n") + "\n", in: dir)
        #expect(summary.read == 599 && summary.mapped == 102 && summary.rejected == 497)
        #expect(rejections.count == 1 && rejections[0].location == "row 4 (lines 4–500)")
        #expect(rejections[0].message.contains("lines 4–500 were read as one row"))
    }

    /// Two `a` columns: which one is the key cannot be told, so every record is rejected, naming the field; a duplicate
    /// the mapping does not read is only a warning.
    @Test func duplicateHeadersTheMappingReadsRejectTheRecords() throws {
        let dir = try workspace()
        defer { dir.remove() }
        let (read, rejections, _) = try run("c", "a,dept,a\nA1,d,A2\n", in: dir)
        #expect(read.rejected == 1 && read.duplicateFields == ["a"])
        #expect(rejections.first?.code == "duplicate-field" && rejections.first?.field == "a")
        let (unread, _, _) = try run("c", "a,dept,x,x\nA1,d,1,2\n", in: dir)
        #expect(unread.mapped == 1 && unread.duplicateFields == ["x"])
    }

    @Test func duplicateJSONKeysTheMappingReadsRejectTheRecord() throws {
        let dir = try workspace()
        defer { dir.remove() }
        let (summary, rejections, _) = try run("p", #"[{"data":{"list":[{"a":"1","dept":"d","dept":"e"},{"a":"2","dept":"d","z":1,"z":2}]}}]"#, in: dir)
        #expect(summary.rejected == 1 && summary.mapped == 1 && Set(summary.duplicateFields) == ["dept", "z"])
        #expect(rejections.first?.field == "dept")
    }

    @Test func aRecordOfAListOfPagesNamesItsPage() throws {
        let dir = try workspace()
        defer { dir.remove() }
        let pages = (1...3).map { #"{"data":{"list":[{"a":"A\#($0)-1","dept":"d"},{"a":"A\#($0)-2","dept":"d","big":[\#(Array(repeating: "0", count: 50_000).joined(separator: ","))]}]}}"# }
        let (summary, _, locations) = try run("p", "[" + pages.joined(separator: ",") + "]", in: dir)
        #expect(summary.mapped == 6)
        #expect(locations.last?.hasPrefix("page 3, item 2") == true)
    }
}
