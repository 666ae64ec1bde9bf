import Foundation
import SGWFormats
import Testing

/// The JSON reader on pages, lists of pages, values no mapping reads, limits and malformed text (issue 28).
@Suite struct JSONRecordReaderTests {
    /// Every result, and the error that ended the document, if any.
    func read(_ text: String, _ format: JSONFormat) -> (results: [ReadResult], error: FormatError?) {
        read(Array(text.utf8), format)
    }

    func read(_ bytes: [UInt8], _ format: JSONFormat) -> (results: [ReadResult], error: FormatError?) {
        var reader = JSONRecordReader(source: ByteSource(bytes: bytes, name: "page.json"), format: format)
        var out: [ReadResult] = []
        do {
            while let r = try reader.next() { out.append(r) }
        } catch {
            return (out, error)
        }
        return (out, nil)
    }

    func records(_ results: [ReadResult]) -> [RawRecord] {
        results.compactMap { if case .record(let r) = $0 { r } else { nil } }
    }

    @Test func aPageAtAPath() {
        let (results, error) = read(#"{"code":0,"data":{"total":2,"list":[{"a":"1","b":{"c":2.50}},{"a":"2","b":null}]}}"#,
                                    JSONFormat(recordsPath: "data.list"))
        #expect(error == nil)
        let rs = records(results)
        #expect(rs.map { $0["a"] } == ["1", "2"])
        #expect(rs[0]["b.c"] == "2.50")  // a number as written
        #expect(rs[1].names.names == ["a", "b"] && rs[1]["b"] == nil)
        #expect(rs[1].location.description == "item 2")
    }

    @Test func aListOfPagesKeepsEachRecordsPage() {
        let pages = (1...3).map { p in
            #"{"data":{"pageNo":\#(p),"list":[\#((1...2).map { #"{"id":"\#(p)-\#($0)"}"# }.joined(separator: ","))]}}"#
        }
        let (results, error) = read("[\n" + pages.joined(separator: ",\n") + "\n]", JSONFormat(recordsPath: "*.data.list"))
        #expect(error == nil)
        let rs = records(results)
        #expect(rs.map { $0["id"] } == ["1-1", "1-2", "2-1", "2-2", "3-1", "3-2"])
        #expect(rs[5].location.page == 3 && rs[5].location.number == 2)
        #expect(rs[5].location.description == "page 3, item 2")
    }

    @Test func aStepOfDigitsIndexesAnArray() {
        let (results, error) = read(#"{"d":[{"list":[{"a":"0"}]},{"x":[1,2],"list":[{"a":"9"}]},{"list":5}]}"#,
                                    JSONFormat(recordsPath: "d.1.list"))
        #expect(error == nil && records(results).map { $0["a"] } == ["9"])
    }

    @Test func aPageWithoutThePathIsNamed() {
        let (results, error) = read(#"[{"data":{"list":[{"id":"1"}]}},{"data":{}}]"#, JSONFormat(recordsPath: "*.data.list"))
        #expect(records(results).count == 1)
        #expect(error?.code == "structure" && error?.message.contains("page 2") == true)
    }

    @Test(arguments: ["[*].data.list", "$.data", "data..list", "data[0]"])
    func pathSyntaxItDoesNotKnowIsRefused(_ path: String) {
        #expect(throws: FormatError.self) { try JSONRecordsPath(path) }
        let (_, error) = read("[]", JSONFormat(recordsPath: path))
        #expect(error?.message.contains("*.data.list") == true)
    }

    /// A member no mapping reads is skipped, not built, whatever its size and limits.
    @Test func membersNoMappingReadsAreSkipped() {
        let huge = "[" + Array(repeating: "1", count: 400_000).joined(separator: ",") + "]"
        let text = #"{"data":{"list":[{"a":"x","junk":\#(huge),"b":{"c":"y","d":[1,2]}}]}}"#
        var format = JSONFormat(recordsPath: "data.list", maxElements: 1_000, fields: ["a", "b.c"])
        let (results, error) = read(text, format)
        #expect(error == nil)
        let r = records(results).first
        #expect(r?.names.names == ["a", "b.c"] && r?["b.c"] == "y")
        // Read whole, the same record is over the element limit: unreadable, the document goes on.
        format.fields = nil
        guard case .unreadable(let u)? = read(text, format).results.first else { Issue.record("not unreadable"); return }
        #expect(u.code == "too-large" && u.message.contains("junk"))
    }

    /// A second `list` after the one read would have its records skipped without a word: the document is refused.
    @Test func aPathMemberTwiceIsAnError() {
        let (results, error) = read(#"{"data":{"list":[{"a":"1"}],"total":1,"list":[{"a":"2"}]}}"#, JSONFormat(recordsPath: "data.list"))
        #expect(records(results).count == 1)
        #expect(error?.code == "structure" && error?.message.contains("'list' comes twice") == true)
        #expect(error?.place == "line 1, column 39")
    }

    @Test func numbersAreKeptAsWritten() {
        let long = String(repeating: "9", count: 100_000)
        let (results, error) = read(#"[{"a":1e400,"b":\#(long),"c":-0.5E-3}]"#, JSONFormat())
        #expect(error == nil)
        let r = records(results).first
        #expect(r?["a"] == "1e400" && r?["b"] == long && r?["c"] == "-0.5E-3")
    }

    @Test(arguments: [
        (#"{"list":[{"a":1},{"a":01}]}"#, "line 1, column 23"),
        ("{\"list\":[\n{\"a\":1}\n{\"a\":2}]}", "line 3, column 1"),
        (#"{"list":[{"a":"x}]}"#, "line 1, column 15"),
        (#"{"list":[{"a":tru}]}"#, "line 1, column 15"),
    ])
    func errorsGiveAPosition(_ text: String, _ place: String) {
        let (_, error) = read(text, JSONFormat(recordsPath: "list"))
        #expect(error?.code == "json")
        #expect(error?.place == place, "\(String(describing: error))")
    }

    @Test func valuesAndNestingOverTheLimits() {
        let deep = String(repeating: "[", count: 40) + String(repeating: "]", count: 40)
        #expect(read(#"{"list":[{"a":\#(deep)}]}"#, JSONFormat(recordsPath: "list", fields: ["b"])).error?.code == "limit")
        let (results, error) = read(#"[{"a":"\#(String(repeating: "x", count: 200))"},{"a":"ok"}]"#, JSONFormat(maxValueBytes: 100))
        #expect(error == nil)
        guard case .unreadable(let u)? = results.first else { Issue.record("not unreadable"); return }
        #expect(u.code == "too-large")
        #expect(records(results).map { $0["a"] } == ["ok"])
    }

    @Test func duplicateKeysAreListed() {
        let text = #"[{"a":"1","b":"2","a":"3","z":"9","z":"8"}]"#
        let all = records(read(text, JSONFormat()).results).first
        #expect(all?.names.duplicates == ["a", "z"] && all?["a"] == "1")
        // A duplicate the mapping does not read is still named, for the warning.
        let some = records(read(text, JSONFormat(fields: ["b"])).results).first
        #expect(some?.names.duplicates == ["a", "z"] && some?["b"] == "2")
    }

    @Test func escapesAndText() {
        let (results, _) = read(#"[{"a":"\u540d\ud83d\ude00\n\"q\"","b":"\ud800"}]"#, JSONFormat(fields: ["a"]))
        #expect(records(results).first?["a"] == "名😀\n\"q\"")
        let whole = read(#"[{"a":"\u540d","b":"\ud800"}]"#, JSONFormat()).results
        guard case .unreadable(let u)? = whole.first else { Issue.record("not unreadable"); return }
        #expect(u.message.contains("surrogate"))
    }

    @Test func jsonLinesStandAlone() {
        let (results, error) = read("{\"a\":1}\n{\"a\":\n{\"a\":3} x\n{\"a\":4}\n", JSONFormat(lines: true))
        #expect(error == nil)
        #expect(records(results).map { $0["a"] } == ["1", "4"])
        let bad = results.compactMap { if case .unreadable(let u) = $0 { u } else { nil } }
        #expect(bad.map(\.location.number) == [2, 3])
        #expect(bad[0].message.contains("line 2"))
    }
}
