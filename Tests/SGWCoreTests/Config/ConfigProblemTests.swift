import SGWCore
import Testing

/// The codes `ConfigReader` gives the problems it finds itself; a loader's own checks are `invalid-value`.
@Suite struct ConfigProblemTests {
    /// The problems of reading `yaml` as a mapping with keys `name` (required) and `count` (a number, 1 or more).
    func problems(_ yaml: String) -> [ConfigProblem] {
        let reader = ConfigReader(file: "adapters/a.yaml")
        if let map = reader.root(yaml: yaml)?.mapping(allowed: ["name", "count"]) {
            _ = map.required("name")
            if let count = map["count"], let n = count.int, n < 1 { reader.problem("'count' is 1 or more", line: count.line) }
        }
        return reader.problems
    }

    @Test(arguments: [
        ("", "not-yaml"),
        ("name: [a", "not-yaml"),
        ("- a\n- b", "wrong-type"),
        ("name: a\nnmae: b", "unknown-key"),
        ("count: 3", "missing-key"),
        ("name: a\ncount: three", "wrong-type"),
        ("name: a\ncount: 0", "invalid-value"),
    ])
    func theReaderNamesWhatIsWrong(yaml: String, code: String) {
        let found = problems(yaml)
        #expect(found.map(\.code) == [code], "\(found)")
        #expect(found.allSatisfy { $0.file == "adapters/a.yaml" })
    }

    @Test func aProblemReadsAsFileLineAndMessage() {
        let found = problems("name: a\nnmae: b")
        #expect(found.map(\.description) == ["adapters/a.yaml:2: unknown key 'nmae'; did you mean 'name'?"])
    }

    @Test func aFileThatCannotBeReadIsUnreadable() {
        let reader = ConfigReader(file: "/nonexistent/a.yaml")
        #expect(reader.root(contentsOf: "/nonexistent/a.yaml") == nil)
        #expect(reader.problems.map(\.code) == ["unreadable"])
    }
}
