import Foundation
import SGWCore
import SGWFormats
import SGWMapping
import SGWPipeline
import SGWSources
import SGWStore
import SGWTesting
import Testing

@Suite struct FileInboxTests {
    @Test func onlyCompleteFilesAreTakenAndImportedOnesAreArchivedWithReceiptAndRejects() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let repo = Repository.root
        let inbox = FileInbox(settings: ["inbox": "inbox", "pattern": "*.csv", "ready_marker": ".ok"], base: dir.path)
        try FileManager.default.createDirectory(atPath: inbox.folder, withIntermediateDirectories: true)
        let ready = inbox.folder + "/a.csv", waiting = inbox.folder + "/b.csv"
        try FileManager.default.copyItem(atPath: repo + "/examples/inbox/zhoucun-licences-gbk.csv", toPath: ready)
        try FileManager.default.copyItem(atPath: repo + "/examples/inbox/zhoucun-licences-gbk.csv", toPath: waiting)
        #expect(FileManager.default.createFile(atPath: ready + ".ok", contents: Data()))
        let scan = inbox.scan()
        #expect(scan.ready == [ready] && scan.waiting == [waiting])

        let ws = Workspace.load(directory: repo, profiles: Set(try ProfileCatalog.load().profiles.keys))
        let (adapter, mapper) = try ws.mapper(adapter: "zhoucun-licences")
        let calculator = DeadlineCalculator(calendar: try WorkingCalendar.load(), profiles: try ProfileCatalog.load())
        let importer = Importer(store: try SQLiteStore(dataFolder: dir.path + "/data"), planner: DeliveryPlanner(calculator: calculator))
        let (record, rejects, _) = try importer.importFile(adapter: adapter, mapper: mapper, path: ready, rejectsFolder: dir.path + "/data/rejects")
        let archived = try inbox.archive(ready, record: record, rejects: rejects)
        #expect(!FileManager.default.fileExists(atPath: ready) && !FileManager.default.fileExists(atPath: ready + ".ok"))
        #expect(FileManager.default.fileExists(atPath: archived) && FileManager.default.fileExists(atPath: archived + ".ok"))
        let receipt = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: archived + ".receipt.json"))) as? [String: Any]
        #expect(receipt?["accepted"] as? Int == 57 && receipt?["acceptedMessages"] as? Int == 114
                && receipt?["rejected"] as? Int == 3 && receipt?["rows"] as? Int == 60 && (receipt?["sha256"] as? String)?.count == 64)
        // The rejects file is GBK like its source, with the original row, its number and the reason.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: archived + ".rejects.csv"))
        #expect(String(data: bytes, encoding: .utf8) == nil, "not UTF-8: GBK")
        var reader = CSVReader(source: try ByteSource(path: archived + ".rejects.csv"), format: CSVFormat(encoding: .gbk))
        var rows: [[String: String]] = []
        while let r = try reader.next() {
            if case .record(let rec) = r { rows.append(Dictionary(uniqueKeysWithValues: zip(rec.names.names, rec.values.map { $0 ?? "" }))) }
        }
        #expect(rows.map { $0["行号"] } == ["2", "6", "41"])
        #expect(rows[0]["许可日期"] == "2021/13/01" && rows[0]["原因"]?.contains("not a real date") == true)
    }
}
