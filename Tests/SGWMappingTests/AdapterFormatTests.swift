import Foundation
import SGWFormats
import SGWMapping
import SGWTesting
import Testing

/// The `format:` block of adapter files: records paths `sgw check` refuses, and the limit keys (issue 28).
@Suite struct AdapterFormatTests {
    func load(_ format: String) throws -> (AdapterSpec?, [String]) {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("adapters/a.yaml", "kind: file\nmapping: m\nformat: \(format)\nfile: {inbox: .}\n")
        let (spec, problems) = AdapterSpec.load(path: path, mappings: ["m"])
        return (spec, problems.map(\.message))
    }

    /// `[*].data.list` passed the check and read nothing; a records path it does not understand is refused, with
    /// the forms there are.
    @Test(arguments: ["'[*].data.list'", "'$.data.list'", "'data..list'"])
    func aRecordsPathThatCannotMatchIsAProblem(_ path: String) throws {
        let (spec, problems) = try load("{type: json, records: \(path)}")
        #expect(spec == nil)
        #expect(problems.count == 1 && problems[0].contains("*.data.list"), "\(problems)")
    }

    @Test func theLimitsAreRead() throws {
        let (json, _) = try load("{type: json, records: '*.data.list', max_depth: 8, max_members: 5, max_elements: 6, max_value_bytes: 7}")
        guard case .json(let j)? = json?.format else { Issue.record("not json"); return }
        #expect(j.recordsPath == "*.data.list" && j.maxDepth == 8 && j.maxMembers == 5 && j.maxElements == 6 && j.maxValueBytes == 7)
        let (xml, _) = try load("{type: xml, record_path: D/R, max_attributes: 9, max_tag_bytes: 10}")
        guard case .xml(let x)? = xml?.format else { Issue.record("not xml"); return }
        #expect(x.maxAttributes == 9 && x.maxTagBytes == 10)
        let (xlsx, _) = try load("{type: xlsx, max_shared_strings: 11, max_shared_strings_bytes: 12}")
        guard case .xlsx(let s)? = xlsx?.format else { Issue.record("not xlsx"); return }
        #expect(s.maxSharedStrings == 11 && s.maxSharedStringsBytes == 12)
        #expect(try load("{type: json, max_depth: 100000}").1.first?.contains("512") == true)
    }
}
