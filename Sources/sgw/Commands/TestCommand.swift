import ArgumentParser
import SGWCore
import SGWMapping

/// `sgw test [DIR]`: runs the mapping tests in DIR/mapping-tests.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run mapping tests: each mapping-tests/NAME.yaml names an adapter, an input file and the expected messages and rejections.",
        discussion: "Prints each case and, on failure, the lines that differ (- expected, + found). Exit 1 when any fails. --update rewrites the expected files from what the mappings produce now.")

    @OptionGroup var rules: RulesOptions
    @Argument(help: "The folder holding adapters/, mappings/ and mapping-tests/ (default: $SGW_CONFIG or the current folder).")
    var directory: String?
    @Flag(help: "Write what the mappings produce now as the expected files.") var update = false

    func run() throws {
        let dir = directory ?? Environment.value("SGW_CONFIG") ?? "."
        let profiles = try rules.loadProfiles()
        let ws = Workspace.load(directory: dir, profiles: Set(profiles.profiles.keys))
        let (tests, problems) = MappingTest.load(directory: dir)
        for p in ws.problems + problems { print(p.description) }
        if tests.isEmpty { Console.error("no tests in \(dir)/mapping-tests") }
        var failed = 0
        for test in tests {
            let outcome = test.run(in: ws)
            if update {
                try test.update(with: outcome)
                print("UPDATED \(test.name): \(outcome.actualMessages.count) messages, \(outcome.actualRejections.count) rejections")
                continue
            }
            if outcome.passed {
                print("PASS \(test.name): \(outcome.actualMessages.count) messages, \(outcome.actualRejections.count) rejections")
                continue
            }
            failed += 1
            print("FAIL \(test.name)")
            if let fatal = outcome.fatal { print("  error: \(fatal)") }
            printDiff("messages", outcome.expectedMessages, outcome.actualMessages)
            printDiff("rejections", outcome.expectedRejections, outcome.actualRejections)
        }
        Console.error("\(tests.count - failed) passed, \(failed) failed")
        if failed > 0 || !ws.problems.isEmpty || !problems.isEmpty { throw ExitCode(1) }
    }

    func printDiff(_ what: String, _ expected: [String], _ actual: [String]) {
        let missing = expected.filter { !actual.contains($0) }, extra = actual.filter { !expected.contains($0) }
        guard !missing.isEmpty || !extra.isEmpty || expected != actual else { return }
        print("  \(what): expected \(expected.count), found \(actual.count)")
        for line in missing.prefix(10) { print("  - \(line)") }
        for line in extra.prefix(10) { print("  + \(line)") }
        if missing.isEmpty && extra.isEmpty { print("  (same lines in a different order)") }
    }
}
