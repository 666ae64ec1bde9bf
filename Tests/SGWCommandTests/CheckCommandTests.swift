import Foundation
import SGWTesting
import Testing

/// `sgw check` finds what would stop an import before one is tried.
@Suite struct CheckCommandTests {
    @Test func anInboxThatDoesNotExistIsReportedAtItsLine() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("mappings/p.yaml", """
            profile: zhoucun
            key: [id]
            messages:
              - kind: supervision
                fields:
                  kind: {const: training}
                  decisionDate: {const: '2024-09-01'}
                  basisAndResult: {from: text}
                  department: {const: 区市场监督管理局}
            """)
        try dir.write("adapters/p.yaml", "kind: file\nmapping: p\nformat: {type: csv}\nfile:\n  pattern: '*.csv'\n  inbox: incoming\n")
        let missing = try SGWProcess.run(["check", dir.path])
        #expect(missing.status == 1)
        #expect(missing.stdout.contains("\(dir.path)/adapters/p.yaml:6: inbox 'incoming' is \(dir.path)/incoming, which does not exist "
                                        + "(a relative inbox is taken from the configuration folder, \(dir.path))"), "\(missing.stdout)")
        // A file where the folder should be is no inbox either.
        try dir.write("incoming", "")
        let file = try SGWProcess.run(["check", dir.path])
        #expect(file.status == 1 && file.stdout.contains("which is not a folder"), "\(file.stdout)")
        try FileManager.default.removeItem(atPath: dir.path + "/incoming")
        try FileManager.default.createDirectory(atPath: dir.path + "/incoming", withIntermediateDirectories: true)
        let ok = try SGWProcess.run(["check", dir.path])
        #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")
    }
}
