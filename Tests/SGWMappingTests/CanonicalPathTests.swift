import SGWMapping
import Testing

@Suite struct CanonicalPathTests {
    /// Every path is found by its name, and the paths are exactly the fields the message kinds declare: a path
    /// that no kind has, or a kind's field without a path, would be a value the builders never see.
    @Test func pathsAreTheKindsFields() {
        for path in CanonicalPath.allCases { #expect(CanonicalPath(name: path.name) == path) }
        #expect(CanonicalPath.count == CanonicalPath.allCases.count)
        let declared = Set(CanonicalFields.byKind.values.flatMap(\.keys))
        #expect(declared == Set(CanonicalPath.allCases.map(\.name)))
        #expect(CanonicalPath(name: "counterparty") == nil)
        // A counterparty case added outside the range would be left out when deciding whether a counterparty is given.
        let counterparty = CanonicalPath.allCases.filter { $0.name.hasPrefix("counterparty.") }.map(\.rawValue)
        #expect(counterparty == Array(CanonicalPath.counterparty))
    }
}
