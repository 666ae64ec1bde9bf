import Foundation
import SGWCore
@testable import SGWMapping
import SGWTesting
import Testing

@Suite struct MapRunTests {
    /// JSON records with different field sets, over several batches and on two threads: every value must come from
    /// its own record's fields, and every record must be reported once, in file order.
    @Test func recordsWithChangingFieldsAcrossBatchesAndThreads() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("mappings/m.yaml", """
            profile: zhoucun
            key: [a]
            messages:
              - kind: supervision
                when: {field: skip, present: false}
                fields:
                  kind: {const: training}
                  decisionDate: {const: '2024-09-01'}
                  basisAndResult: {template: "{a}-{b}"}
                  department: {from: dept, checks: [required]}
            """)
        try dir.write("adapters/j.yaml", "kind: file\nmapping: m\nformat: {type: jsonl}\nfile: {inbox: .}\n")
        var lines = ""
        let count = 5_000
        for i in 0..<count {
            switch i % 4 {
            case 0: lines += #"{"a":"A\#(i)","b":"B\#(i)","dept":"d"}"# + "\n"
            case 1: lines += #"{"0":"first","a":"A\#(i)","b":"B\#(i)","dept":"d"}"# + "\n"  // shifts every position
            case 2: lines += #"{"a":"A\#(i)","b":"B\#(i)"}"# + "\n"  // no department: rejected
            default: lines += #"{"a":"A\#(i)","b":"B\#(i)","dept":"d","skip":"yes"}"# + "\n"  // no message applies
            }
        }
        let input = try dir.write("in.jsonl", lines)
        let ws = Workspace.load(directory: dir.path, profiles: ["zhoucun"])
        let (adapter, mapper) = try ws.mapper(adapter: "j")
        var texts: [String] = []
        var rejectedRows: [Int] = []
        var progress: [Int] = []
        // Three batches: progress is reported after each but the last.
        let summary = MapRun.run(adapter: adapter, mapper: mapper, path: input, workers: 2, onMessage: { m in
            if case .supervision(let s) = m.body { texts.append(s.basisAndResult) }
        }, onRejection: { rejectedRows.append($0.row) }, onBatch: { rows, _ in progress.append(rows) })
        #expect(progress == [MapRun.batchSize, 2 * MapRun.batchSize])
        #expect(summary.read == count && summary.mapped == count / 2 && summary.rejected == count / 4 && summary.skipped == count / 4)
        #expect(texts == (0..<count).filter { $0 % 4 < 2 }.map { "A\($0)-B\($0)" })
        #expect(rejectedRows == (0..<count).filter { $0 % 4 == 2 }.map { $0 + 1 })
        #expect(summary.line == "read 5000, mapped 2500, rejected 1250, skipped 1250")
    }
}
