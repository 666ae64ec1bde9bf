import Foundation
import SGWCore
import SGWFormats
import SGWMapping
import SGWPipeline
import SGWStore
import SGWTesting
import Testing

/// Imports of files that break the rules (issue 28): nothing lost in silence.
@Suite struct ImportHostileInputTests {
    /// A workspace with a GBK CSV adapter `c` and a supervision mapping reading `a` and `dept`.
    func workspace() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        try dir.write("mappings/m.yaml", Fixtures.supervisionMapping)
        try dir.write("adapters/c.yaml", "kind: file\nmapping: m\nformat: {type: csv, encoding: gbk}\nfile: {inbox: .}\n")
        return dir
    }

    func importer(_ dir: TemporaryDirectory) throws -> Importer {
        let calculator = DeadlineCalculator(calendar: try WorkingCalendar.load(), profiles: try ProfileCatalog.load())
        return Importer(store: try SQLiteStore(dataFolder: dir.path + "/data"), planner: DeliveryPlanner(calculator: calculator))
    }

    /// A file without records (empty, or a header alone) fails its import: it must not be archived as imported.
    @Test(arguments: ["", "a,dept\r\n"])
    func aFileWithoutRecordsIsAFailedImport(_ content: String) throws {
        let dir = try workspace()
        defer { dir.remove() }
        let path = try dir.write("in.csv", content)
        let (adapter, mapper) = try Workspace.load(directory: dir.path, profiles: ["zhoucun"]).mapper(adapter: "c")
        #expect(throws: ImportError.self) { try importer(dir).importFile(adapter: adapter, mapper: mapper, path: path) }
    }

    /// A GB18030 file read as GBK, whose row 4 opens a quote closed on line 500: the import counts 497 rejected rows,
    /// and the rejects file keeps every byte of them, in GBK only.
    @Test func swallowedRowsAreKeptWholeAndCounted() throws {
        let dir = try workspace()
        defer { dir.remove() }
        var lines = ["a,dept"]
        for i in 2...600 { lines.append(i == 4 ? "\"甲\(i)𪚥,区局" : i == 500 ? "乙\(i)\",区局,多" : "丙\(i),区局") }
        let utf8 = dir.path + "/in.utf8", path = dir.path + "/in.csv"
        _ = try dir.write("in.utf8", lines.joined(separator: "\r\n") + "\r\n")
        let iconv = Process()
        iconv.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        iconv.arguments = ["-f", "UTF-8", "-t", "GB18030", "-o", path, utf8]
        try iconv.run()
        iconv.waitUntilExit()

        let ws = Workspace.load(directory: dir.path, profiles: ["zhoucun"])
        let (adapter, mapper) = try ws.mapper(adapter: "c")
        let (record, rejects, _) = try importer(dir).importFile(adapter: adapter, mapper: mapper, path: path, rejectsFolder: dir.path + "/rejects")
        #expect(record.rows == 599 && record.rejected == 497 && record.stored.accepted == 102)
        #expect(record.rows == record.stored.records + record.rejected + record.skipped)

        // The rejects file converts from strict GBK without a fault, and holds the swallowed lines whole.
        let rejectsPath = try #require(rejects)
        let back = Process()
        back.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        back.arguments = ["-f", "GBK", "-t", "UTF-8", rejectsPath]
        let out = Pipe()
        back.standardOutput = out
        try back.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        back.waitUntilExit()
        #expect(back.terminationStatus == 0)
        #expect(text.contains("甲4{U+2A6A5},区局\r\n丙5,区局"))
        #expect(text.contains("丙499,区局\r\n乙500"))
        #expect(text.contains("lines 4–500"))
    }
}
