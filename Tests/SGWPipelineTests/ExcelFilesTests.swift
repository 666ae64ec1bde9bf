import Foundation
import SGWCore
import SGWFormats
import SGWMapping
import SGWPipeline
import SGWStore
import SGWTesting
import Testing

/// The files sgw writes for people to open in Excel: rejects files and offline packages' records. A cell that
/// Excel would run as a formula is defused, and its value can be had back; a rejects file is private to its sender.
@Suite struct ExcelFilesTests {
    static let calculator = DeadlineCalculator(calendar: try! WorkingCalendar.load(), profiles: try! ProfileCatalog.load())
    static let formula = "=cmd|' /C calc'!A0"

    @Test(arguments: ["csv-utf8", "csv-gbk", "xlsx"])
    func packageRecordsAreDefused(format: String) async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("destinations/health.yaml", """
            platform: interaction
            kind: package
            package: {recipients: [区卫生健康局], outbox: outbox, receipts: receipts, format: \(format), sender: 区行政审批服务局}
            """)
        let (spec, problems) = DestinationSpec.load(path: file, dataFolder: dir.path)
        #expect(problems.isEmpty, "\(problems)")
        let destination = try #require(spec)
        let planner = DeliveryPlanner(calculator: Self.calculator, packageRoutes: ["区卫生健康局": destination.name])
        let approval = Fixtures.approval(counterparty: Fixtures.organisation(name: "@SUM(1+1)*cmd|' /C calc'!A0"),
                                         content: Self.formula, supervisingDepartment: "区卫生健康局")
        let store = try SQLiteStore(dataFolder: dir.path + "/data")
        let item = planner.plan(CanonicalMessage.make(body: .approval(approval), key: "-2+3+cmd|' /C calc'!A0", profile: "zhoucun",
                                                      provenance: Provenance(adapter: "a", source: "f")))
        _ = try store.ingest([item], rejections: [], importID: nil, at: Date())
        let runner = DeliveryRunner(store: store, clients: [], packagers: [try #require(OfflinePackager(spec: destination))], planner: planner)
        _ = try await runner.run(untilIdle: true, maxWait: 30)

        let package = try #require(try FileManager.default.contentsOfDirectory(atPath: dir.path + "/outbox").first)
        let folder = dir.path + "/outbox/" + package
        var reader: any RecordReader = format == "xlsx"
            ? try XLSXRecordReader(path: folder + "/records.xlsx", format: XLSXFormat())
            : CSVReader(source: try ByteSource(path: folder + "/records.csv"), format: CSVFormat(encoding: format == "csv-gbk" ? .gbk : .auto))
        guard case .record(let row)? = try reader.next() else { Issue.record("no row"); return }
        #expect(row["内容"] == "'" + Self.formula)
        #expect(row["行政相对人"] == "'@SUM(1+1)*cmd|' /C calc'!A0")
        #expect(row["业务编号"] == "'-2+3+cmd|' /C calc'!A0")
        #expect(row["版本"] == "1")
        // The documented rule gives the stored values back.
        #expect(row["内容"].map(SpreadsheetCell.recovered) == approval.content)
        #expect(row["行政相对人"].map(SpreadsheetCell.recovered) == approval.counterparty.name)
        let manifest = try String(contentsOfFile: folder + "/manifest.json", encoding: .utf8)
        #expect(manifest.contains("one ' put in front against formulas"))
    }

    @Test func rejectsFilesAreDefusedAndPrivate() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("mappings/p.yaml", """
            profile: zhoucun
            key: [id]
            messages:
              - kind: supervision
                fields:
                  kind: {const: training}
                  decisionDate: {from: date, transforms: [date]}
                  basisAndResult: {from: text}
                  department: {const: 区市场监督管理局}
                  counterparty.name: {const: 张三}
            """)
        try dir.write("adapters/p.yaml", "kind: file\nmapping: p\nformat: {type: csv}\nfile: {inbox: .}\n")
        let input = try dir.write("in.csv", """
            id,date,text,amount
            1,"=HYPERLINK(""http://x.example"",""点击"")",\(Self.formula),-5
            2,2024-09-01,ok,-5

            """)
        let ws = Workspace.load(directory: dir.path, profiles: Set(try ProfileCatalog.load().profiles.keys))
        let (adapter, mapper) = try ws.mapper(adapter: "p")
        let importer = Importer(store: try SQLiteStore(dataFolder: dir.path + "/data"), planner: DeliveryPlanner(calculator: Self.calculator))
        let folder = dir.path + "/data/rejects"
        let (record, rejects, _) = try importer.importFile(adapter: adapter, mapper: mapper, path: input, rejectsFolder: folder)
        #expect(record.rejected == 1)
        let path = try #require(rejects)
        var reader = CSVReader(source: try ByteSource(path: path), format: CSVFormat())
        guard case .record(let row)? = try reader.next() else { Issue.record("no row"); return }
        #expect(row["date"] == "'=HYPERLINK(\"http://x.example\",\"点击\")")
        #expect(row["text"] == "'" + Self.formula)
        #expect(row["amount"] == "-5")  // a number: as the sender wrote it
        #expect(row["id"] == "1")
        // The original columns hold the sender's data unmasked: only the sender's side may read them.
        let fm = FileManager.default
        #expect((try fm.attributesOfItem(atPath: folder)[.posixPermissions] as? Int) == 0o700)
        #expect((try fm.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o600)
    }
}
