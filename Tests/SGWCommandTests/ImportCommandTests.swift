import Foundation
import SGWTesting
import Testing

/// `sgw import` as an operator meets it: what it writes, and what it says.
@Suite struct ImportCommandTests {
    @Test func aReimportWritesNoSecondRejectsFileAndSaysWhereTheFirstIs() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let args = ["import", "--config", Repository.root, "--data", dir.path + "/data", "--adapter", "zhoucun-licences",
                    Repository.root + "/examples/inbox/zhoucun-licences-gbk.csv"]
        let first = try SGWProcess.run(args)
        #expect(first.stdout.contains("rejected 3"), "\(first.stdout)\(first.stderr)")
        let rejects = dir.path + "/data/rejects"
        let written = try FileManager.default.contentsOfDirectory(atPath: rejects)
        #expect(written.count == 1)
        let firstFile = try #require(written.first)
        #expect(first.stderr.contains("rejected rows in \(rejects)/\(firstFile)"))

        let again = try SGWProcess.run(args)
        #expect(again.status == 0)
        #expect(again.stdout.contains("rows 60, accepted 0 (0 messages), duplicates 57, updated 0, rejected 3"), "\(again.stdout)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: rejects) == written)
        #expect(again.stderr.contains("no new rejects file: the rejected rows are in \(rejects)/\(firstFile)"), "\(again.stderr)")
    }

    /// An import that fails half-way has stored the records before the failure: `sgw status` says so, not zeros.
    @Test func aFailedImportShowsWhatItStored() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let sample = try String(contentsOfFile: Repository.root + "/examples/inbox/qufu-approvals.xml", encoding: .utf8)
        // The first two records, then a record cut off: the document ends inside it.
        let rows = sample.components(separatedBy: "</ROW>")
        let broken = try dir.write("qufu-broken.xml", rows[0] + "</ROW>" + rows[1] + "</ROW>\n  <ROW>\n    <SXMC>烟花")
        let data = ["--data", dir.path + "/data"]
        let r = try SGWProcess.run(["import", "--config", Repository.root] + data + ["--adapter", "qufu-approvals", broken])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        let stored = try SGWProcess.run(["messages", "--json"] + data).lines.count
        #expect(stored > 0)
        let status = try SGWProcess.run(["status"] + data)
        #expect(status.stdout.contains("last import: \(broken): not finished (it failed or is under way): \(stored) messages stored"),
                "\(status.stdout)")
        #expect(!status.stdout.contains("rows 0, accepted 0"))
        let json = try SGWProcess.run(["status", "--json"] + data)
        #expect(json.stdout.contains("\"storedSoFar\":\(stored)"), "\(json.stdout)")
    }
}
