import Foundation
import SGWTesting
import Testing

/// The `sgw` commands as an operator runs them: a real child process, its output and exit status.
@Suite struct CommandTests {
    @Test func validateUSCCPrintsOneLinePerValue() throws {
        let r = try SGWProcess.run(["validate", "uscc", "91110000600037341L", " 92340602ma2pbmem24 ", "91110000600037341N"])
        #expect(r.lines == [
            "91110000600037341L\tok",
            "92340602MA2PBMEM24\tok",
            "91110000600037341N\tinvalid\tcheck-character: expected L, found N",
        ])
        #expect(r.status == 1)
        #expect(try SGWProcess.run(["validate", "uscc", "121200004013590816"]).status == 0)
    }

    @Test func validateIDCardReadsStandardInput() throws {
        let input = "11010519491231002X\n360426199101010071\r\n44011320141005001x\n36042619910102009X\n110105491231002\n\n"
        let r = try SGWProcess.run(["validate", "idcard", "-"], stdin: Data(input.utf8))
        #expect(r.lines.count == 6)
        #expect(r.lines[2] == "44011320141005001X\tok")
        #expect(r.lines[3].hasPrefix("36042619910102009X\tinvalid\tcheck-character"))
        #expect(r.lines[4].hasPrefix("110105491231002\tinvalid\tlegacy"))
        #expect(r.lines[5] == "\tinvalid\tempty: no value")
        #expect(r.status == 1)
    }

    @Test func garbageGivesOneClearLineEach() throws {
        var input = Data([0x00, 0xFF, 0xFE, 0x09, 0x41, 0x0A])  // binary garbage with a tab
        input.append(Data(repeating: 0x39, count: 200_000))  // a very long line
        input.append(0x0A)
        input.append(Data("91110000600037341L".utf8))  // last line without a newline
        let r = try SGWProcess.run(["validate", "uscc", "-"], stdin: input)
        #expect(r.lines.count == 3)
        #expect(r.lines[0].contains("\tinvalid\t"))
        #expect(r.lines[0].split(separator: "\t").count == 3, "a tab in the value must not add a column")
        #expect(r.lines[1].hasSuffix("\tinvalid\tlength: line of 200000 bytes"))
        #expect(r.lines[2] == "91110000600037341L\tok")
        #expect(r.status == 1)
    }

    @Test func calendarWorkdayAndAdd() throws {
        let r = try SGWProcess.run(["calendar", "workday", "2026-10-01", "2026-10-10", "2026-10-12", "2026-10-11", "2027-03-01", "2026-02-30"])
        #expect(r.lines == [
            "2026-10-01\tholiday", "2026-10-10\tmakeup-workday", "2026-10-12\tworkday", "2026-10-11\tweekend",
            "2027-03-01\tworkday\tprovisional", "2026-02-30\terror\tnot a date YYYY-MM-DD",
        ])
        #expect(r.status == 1)
        let add = try SGWProcess.run(["calendar", "add", "2026-09-30", "7"])
        #expect(add.lines == ["2026-09-30\t7\t2026-10-15"])
        #expect(add.status == 0)
        let batch = try SGWProcess.run(["calendar", "add", "-"], stdin: Data("2026-09-30 3\n2026-12-28\t5\n2026-09-30 x\nnonsense\n".utf8))
        #expect(batch.lines[0] == "2026-09-30\t3\t2026-10-10")
        #expect(batch.lines[1] == "2026-12-28\t5\t2027-01-04\tprovisional")
        #expect(batch.lines[2].contains("\terror\tN must be"))
        #expect(batch.lines[3].contains("\terror\texpected 'DATE N'"))
    }

    @Test func deadlineMatchesTheIssueExampleAndWarns() throws {
        let r = try SGWProcess.run(["deadline", "--profile", "qufu", "--duty", "approval.claim", "--from", "2026-09-30T10:00:00+08:00"])
        #expect(r.stdout == "2026-10-10T23:59:59+08:00\n")
        #expect(r.stderr.contains("expired on 2025-01-10"))
        #expect(r.status == 0)
        let unknown = try SGWProcess.run(["deadline", "--profile", "qufu", "--duty", "aproval.claim", "--from", "2026-09-30"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("Did you mean 'approval.claim'?"))
        let none = try SGWProcess.run(["deadline", "--profile", "linzi", "--duty", "approval.claim", "--from", "2026-09-30"])
        #expect(none.status == 1)
        #expect(none.stderr.contains("sets no duty 'approval.claim'"))
    }

    @Test func profilesListEveryDuty() throws {
        let r = try SGWProcess.run(["profiles"])
        #expect(r.status == 0)
        for id in ["zhoucun", "qufu", "shicheng", "liaocheng", "linzi"] { #expect(r.stdout.contains("\(id)\t")) }
        #expect(r.stdout.contains("the rules expired on 2025-01-10"))
    }

    /// What starts each clock and what happens at each deadline, as the profile says: printed by `profiles --verbose`
    /// and `deadline --explain`.
    @Test func profilesAndDeadlineExplainTheClockAndTheConsequence() throws {
        let verbose = try SGWProcess.run(["profiles", "--verbose", "qufu", "shicheng"])
        #expect(verbose.status == 0)
        #expect(verbose.stdout.contains("approval authority: 曲阜市行政审批服务局"))
        #expect(verbose.stdout.contains("at the deadline: overdue, open until a late claim (recorded with how late), late: the supervising department"))
        #expect(verbose.stdout.contains("applies to: penalty, revocation, suspension (other supervision kinds: no deadline)"))
        #expect(verbose.stdout.contains("counted from finding: the day the problem was found"))
        #expect(verbose.stdout.contains("at the deadline: auto-claimed (视为自动认领), responsibility with the supervising department"))
        let explain = try SGWProcess.run(["deadline", "--profile", "zhoucun", "--duty", "commitment.verify", "--from", "2026-11-20", "--explain"])
        #expect(explain.stdout == "2026-12-04T23:59:59+08:00\n")
        #expect(explain.stderr.contains("counted from commitment: the commitment's date (告知承诺); --from is taken as that event"))
        #expect(explain.stderr.contains("at the deadline: overdue, open until the approval (or a later version) carries the verification"))
    }

    @Test func brokenOperatorFolderExitsTwoWithFileAndLine() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("x.yaml", "id: x\nname: [\n")
        let r = try SGWProcess.run(["profiles"], environment: ["SGW_PROFILES_DIR": dir.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(file):"))
    }

    @Test func demoRuns() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let r = try SGWProcess.run(["demo", "--config", Repository.root, "--data", dir.path, "--at", "2026-09-30T10:00:00+08:00"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("approval.claim"))
        #expect(r.stdout.contains("due 2026-10-10T23:59:59+08:00"))
        // All three ways in: the sample files through the inbox, the county system's webhooks, 聊城's polled API.
        #expect(r.stdout.contains("files: liaocheng-inspections 3 messages, linzi-licences 60 messages, qufu-approvals 74 messages, "
                                  + "shicheng-change-decisions 2 messages, shicheng-change-requests 2 messages, zhoucun-licences 114 messages, "
                                  + "zhoucun-supervision 30 messages"),
                "\(r.stdout)")
        #expect(r.stdout.contains("webhooks: shicheng-webhook 24 messages"))
        #expect(r.stdout.range(of: #"polling: liaocheng-penalties [1-9][0-9]* messages"#, options: .regularExpression) != nil)
        #expect(r.stdout.contains("district-health-package: 4 delivered"), "the offline package confirmed by its receipt")
        #expect(r.stdout.contains("held, not sent: 25 双公示 records with the code incomplete-record"))
        #expect(r.stdout.range(of: #"[1-9][0-9]* auto-claimed \(视为自动认领"#, options: .regularExpression) != nil)
        // The duties of issue 32 in the samples (their decisions are from 2024, so every delivery is late): 石城's two
        // change requests delivered under their own duty (2 working days from the finding), 周村's two commitment
        // approvals with their verification deadlines (one verified in the sample, one not: overdue), 曲阜's unclaimed
        // approvals overdue, not auto-claimed.
        #expect(r.stdout.contains("supervision.change-request supervision: 2 delivered (2 after their deadline), 0 not yet"), "\(r.stdout)")
        #expect(r.stdout.contains("commitment.verify approval: deadlines: 1 overdue, 1 verified"), "\(r.stdout)")
        // The bureau's decisions on them go back, linked by the request's document number.
        #expect(r.stdout.contains("change requests (函告): 2, 2 answered by the approval bureau's decision, 2 decisions delivered back"),
                "\(r.stdout)")
        // 聊城's three inspection results reach the credit platform under credit.publish (7 working days).
        #expect(r.stdout.contains("credit.publish credit.inspection: 3 delivered (3 after their deadline), 0 not yet"), "\(r.stdout)")
        #expect(r.stdout.range(of: #"overdue approval\.claim: [1-9][0-9]*, late: "#, options: .regularExpression) != nil, "\(r.stdout)")
        // The samples were copied, never moved.
        #expect(FileManager.default.fileExists(atPath: Repository.root + "/examples/inbox/zhoucun-licences-gbk.csv"))
    }

    @Test func shippedExamplesCheckAndPassTheirTests() throws {
        let check = try SGWProcess.run(["check", Repository.root])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let test = try SGWProcess.run(["test", Repository.root])
        #expect(test.status == 0, "\(test.stdout)")
        #expect(!test.stdout.contains("FAIL"))
    }

    /// `sgw map` writes its lines and rejections on a queue of its own; a write that fails (a full disk) must still be
    /// reported, exit 1, after the summary, for the lines (standard output) and for the rejections (`--rejects`).
    @Test func mapReportsOutputItCouldNotWrite() throws {
        let input = Repository.root + "/examples/inbox/zhoucun-licences-gbk.csv"
        let map = ["map", "--config", Repository.root, "--adapter", "zhoucun-licences"]
        let fine = try SGWProcess.run(map + [input])
        #expect(fine.status == 0 && fine.lines.count == 114, "\(fine.stderr)")
        let rejects = try SGWProcess.run(map + ["--rejects", "/dev/full", input])
        #expect(rejects.status == 1)
        #expect(rejects.stderr.contains("error: writing the output failed"), "\(rejects.stderr)")
        #expect(rejects.stderr.contains("read 60, mapped 57, rejected 3"))
        // Standard output itself on /dev/full, through a shell.
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "exec \"$0\" \"$@\" > /dev/full", SGWProcess.executable] + map + [input]
        let errors = Pipe()
        shell.standardError = errors
        try shell.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 1)
        #expect(stderr.contains("error: writing the output failed"), "\(stderr)")
    }

    /// 曲阜's export has no 法定代表人: its organisations' 双公示 records are held. Once the mapping can fill the item
    /// (a register of legal representatives by USCC, kept as a table file), importing the same file again sends
    /// them as corrections, and the held ones leave the dead letters.
    @Test func heldRecordsAreCompletedByImportingAgainWithARegister() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let xml = Repository.root + "/examples/inbox/qufu-approvals.xml"
        for f in ["adapters/qufu-approvals.yaml", "mappings/qufu-approvals.yaml"] {
            try dir.write(f, try String(contentsOfFile: Repository.root + "/" + f, encoding: .utf8))
        }
        let config = ["--config", dir.path, "--data", dir.path + "/data"]
        let first = try SGWProcess.run(["import"] + config + ["--adapter", "qufu-approvals", xml])
        #expect(first.stdout.contains("rows 40, accepted 37 (74 messages), duplicates 0, updated 0, rejected 3"), "\(first.stdout)\(first.stderr)")
        let held = try SGWProcess.run(["deadletters", "list"] + config.suffix(2))
        #expect(held.lines.count == 25 && held.lines.allSatisfy { $0.contains("\tincomplete-record\t") })

        // The register: every organisation's USCC in the sample (ZJHM values that are not ID numbers).
        let text = try String(contentsOfFile: xml, encoding: .utf8)
        let usccs = Set(text.matches(of: /<ZJHM>\s*([0-9A-Za-z]{18})\s*<\/ZJHM>/).map { $0.1.uppercased() }
            .filter { $0.wholeMatch(of: /\d{6}(19|20)\d{9}[\dX]/) == nil })
        try dir.write("mappings/tables/legal-representatives.yaml", usccs.sorted().map { "\($0): 法人甲" }.joined(separator: "\n") + "\n")
        var mapping = try String(contentsOfFile: dir.path + "/mappings/qufu-approvals.yaml", encoding: .utf8)
        mapping = mapping.replacingOccurrences(of: "      decisionDate: {from: SPRQ", with: """
                  counterparty.legalRepresentative: {from: ZJHM, transforms: [trim, upper, {code_table: {file: tables/legal-representatives.yaml, default: ''}}]}
                  decisionDate: {from: SPRQ
            """)
        try dir.write("mappings/qufu-approvals.yaml", mapping)
        // The copied adapter's inbox, relative to this configuration folder: `sgw check` wants it to exist.
        try FileManager.default.createDirectory(atPath: dir.path + "/examples/inbox", withIntermediateDirectories: true)
        let check = try SGWProcess.run(["check", dir.path])
        #expect(check.status == 0, "\(check.stdout)")

        let again = try SGWProcess.run(["import"] + config + ["--adapter", "qufu-approvals", xml])
        // Every USCC holder's approval and record gain the name: the 25 organisations' (held until now) and the 8
        // individual businesses' (complete without it); the 4 natural persons' are unchanged.
        #expect(again.stdout.contains("rows 40, accepted 0 (0 messages), duplicates 4, updated 33 (66 messages), rejected 3"), "\(again.stdout)\(again.stderr)")
        // The same file as before: recognised, and mapped again with the corrected mapping.
        #expect(again.stderr.contains("qufu-approvals.xml: the same file (SHA-256 "), "\(again.stderr)")
        #expect(again.stderr.contains("was imported before, on "))
        let after = try SGWProcess.run(["deadletters", "list"] + config.suffix(2))
        #expect(after.lines.isEmpty)
    }

    @Test func mapPrintsMessagesAndMaskedRejectionsAndASummary() throws {
        let r = try SGWProcess.run(["map", "--config", Repository.root, "--adapter", "zhoucun-licences",
                                    Repository.root + "/examples/inbox/zhoucun-licences-gbk.csv"])
        #expect(r.status == 0)
        #expect(r.lines.count == 114)  // 57 approvals and their derived credit.licence records
        let errLines = r.stderr.split(separator: "\n")
        #expect(errLines.last == "read 60, mapped 57, rejected 3")
        #expect(errLines.filter { $0.hasSuffix("\"row\":2}") || $0.hasSuffix("\"row\":6}") || $0.hasSuffix("\"row\":41}") }.count == 3)
    }

    @Test func maskingInRejections() throws {
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
                  basisAndResult: {const: x}
                  department: {const: y}
                  counterparty.name: {const: 张三}
                  counterparty.idNumber: {from: id, checks: [id_number]}
                  counterparty.contact: {from: tel, checks: [phone]}
            """)
        try dir.write("adapters/p.yaml", "kind: file\nmapping: p\nformat: {type: csv}\nfile: {inbox: .}\n")
        let input = try dir.write("in.csv", "id,tel\n36042619910102009X,138123456789\n")
        let r = try SGWProcess.run(["map", "--config", dir.path, "--adapter", "p", input])
        #expect(r.stderr.contains("360426********009X"))
        #expect(!r.stderr.contains("36042619910102009X"))
        #expect(r.stderr.contains("138*****6789"))
        #expect(r.status == 0)
    }

    @Test func malformedFilesGiveAClearErrorNotACrash() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let xml = try dir.write("dtd.xml", "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><DATA><ROW><SXMC>&x;</SXMC></ROW></DATA>")
        let r = try SGWProcess.run(["map", "--config", Repository.root, "--adapter", "qufu-approvals", xml])
        #expect(r.status == 1)
        #expect(r.stderr.contains("read 0, mapped 0, rejected 0"))
        #expect(!r.stdout.contains("root:"))
        let truncated = try dir.write("t.json", "{\"data\":{\"list\":[{\"cfWsh\":")
        let t = try SGWProcess.run(["map", "--config", Repository.root, "--adapter", "liaocheng-penalties", truncated])
        #expect(t.status == 1)
        #expect(t.stderr.contains("line 1, column 27: the JSON is malformed: expected a value"))
    }
}
