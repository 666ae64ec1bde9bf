import Foundation
import SGWTesting
import Testing

/// `sgw messages`: an export is whole unless cut on purpose, and personal data is masked unless asked for.
@Suite struct MessagesCommandTests {
    /// A store holding 周村's licences: 57 approvals and their 57 双公示 records.
    static func importedStore(_ dir: TemporaryDirectory) throws -> [String] {
        let data = ["--data", dir.path + "/data"]
        let r = try SGWProcess.run(["import", "--config", Repository.root] + data
                                   + ["--adapter", "zhoucun-licences", Repository.root + "/examples/inbox/zhoucun-licences-gbk.csv"])
        #expect(r.status == 0, "\(r.stderr)")
        return data
    }

    @Test func anExportListsEverythingAndACutSaysSo() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let data = try Self.importedStore(dir)
        // --json, and standard output a pipe: every message, no word of a cut.
        let json = try SGWProcess.run(["messages"] + data + ["--json"])
        #expect(json.lines.count == 114)
        #expect(!json.stderr.contains("left out"))
        let plain = try SGWProcess.run(["messages"] + data)
        #expect(plain.lines.count == 114)
        // A limit cuts, and says how much.
        let cut = try SGWProcess.run(["messages"] + data + ["--json", "--limit", "100"])
        #expect(cut.lines.count == 100)
        #expect(cut.stderr.contains("100 of 114 listed, 14 left out"), "\(cut.stderr)")
    }

    @Test func personalDataIsMaskedUnlessAskedAndCodesNever() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let data = try Self.importedStore(dir)
        let masked = try SGWProcess.run(["messages"] + data + ["--json", "--kind", "approval"])
        #expect(masked.stderr.contains("masked (--unmasked shows them)"), "\(masked.stderr)")
        // 雷山建 (自然人) and 郭洋 (a legal representative) of the sample: their ID numbers and phones.
        for full in ["370306197511163988", "370306199409160296", "19061116528", "15679625115"] {
            #expect(!masked.stdout.contains(full), "\(full)")
        }
        #expect(masked.stdout.contains(#""idNumber":"370306********3988""#))
        #expect(masked.stdout.contains(#""legalRepresentativeIDNumber":"370306********0296""#))
        // An organisation's USCC and a licence number (the key) stay whole.
        #expect(masked.stdout.contains(#""uscc":"913703060R4LFX2J5X""#))
        #expect(masked.stdout.contains(#""key":"zhoucun-licences:危险370306202400002""#), "\(masked.stdout.prefix(600))")

        let unmasked = try SGWProcess.run(["messages"] + data + ["--json", "--kind", "approval", "--unmasked"])
        #expect(unmasked.stdout.contains("370306197511163988"))
        #expect(unmasked.stderr.contains("shown in full"))

        // One message shown: the same fields masked, the key and the USCC whole.
        let line = try #require(masked.lines.first { $0.contains("危险370306202400002") })
        let id = try #require(line.firstMatch(of: /"id":"([^"]+)"/)?.1)
        let show = try SGWProcess.run(["messages", "show", String(id)] + data)
        #expect(show.stdout.contains("key: zhoucun-licences:危险370306202400002"), "\(show.stdout)")
        #expect(show.stdout.contains("913703060R4LFX2J5X"))
        #expect(show.stdout.contains("370306********0296") && !show.stdout.contains("370306199409160296"))
        #expect(show.stderr.contains("masked (--unmasked shows them)"))
        let shown = try SGWProcess.run(["messages", "show", String(id), "--unmasked"] + data)
        #expect(shown.stdout.contains("370306199409160296") && shown.stderr.contains("shown in full"))
    }

    /// A store that cannot be opened is a store error (exit 3), not a configuration problem (2) or bad input (1).
    @Test func aDamagedStoreExitsThree() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("data/sgw.sqlite", String(repeating: "not a database ", count: 400))
        for command in [["messages"], ["status"], ["messages", "show", "x"]] {
            let r = try SGWProcess.run(command + ["--data", dir.path + "/data"])
            #expect(r.status == 3, "\(command): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains("error: cannot open the store in \(dir.path)/data"), "\(r.stderr)")
        }
        let help = try SGWProcess.run(["--help"])
        #expect(help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains("3 the store cannot be opened or read"))
    }
}
