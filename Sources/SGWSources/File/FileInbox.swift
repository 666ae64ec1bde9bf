public import Foundation
public import SGWStore
public import SGWCore
public import SGWMapping

/// A file adapter's folder: which files are complete and may be taken, and where they go once imported.
///
/// A file is complete when its marker exists (`ready_marker: .ok` → `NAME.ok`), or, without a marker, when it has
/// not changed for `quiet_seconds` (default 60). After its import is committed (durably: the store syncs every
/// commit), it moves to `archive/YYYY-MM-DD/` beside the inbox with a receipt `NAME.receipt.json`; its marker goes
/// with it.
public struct FileInbox: Sendable {
    /// The folder files are dropped in.
    public var folder: String
    /// The glob files must match.
    public var pattern: String
    /// The marker suffix, when the sender writes one.
    public var readyMarker: String?
    /// Seconds without change that make a file complete when there is no marker.
    public var quietSeconds: TimeInterval

    /// An inbox from an adapter's `file:` settings; `base` resolves a relative inbox.
    public init(settings: [String: String], base: String) {
        let inbox = settings["inbox"] ?? "inbox"
        folder = inbox.hasPrefix("/") ? inbox : ((base as NSString).appendingPathComponent(inbox) as NSString).standardizingPath
        pattern = settings["pattern"] ?? "*"
        readyMarker = settings["ready_marker"]
        quietSeconds = settings["quiet_seconds"].flatMap(TimeInterval.init) ?? 60
    }

    /// What is wrong with a file adapter's inbox in the configuration folder `base` (its folder missing, or not a
    /// folder), as a problem at the adapter's `file.inbox` line; nil when it can be read, and for other kinds.
    public static func problem(for adapter: AdapterSpec, base: String) -> ConfigProblem? {
        guard adapter.kind == .file else { return nil }
        let inbox = FileInbox(settings: adapter.settings, base: base)
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: inbox.folder, isDirectory: &isFolder)
        if exists && isFolder.boolValue { return nil }
        let given = adapter.settings["inbox"] ?? "inbox"
        let relative = given.hasPrefix("/") ? "" : " (a relative inbox is taken from the configuration folder, \(base))"
        return .unreadable("inbox '\(given)' is \(inbox.folder), which \(exists ? "is not a folder" : "does not exist")\(relative)",
                           file: adapter.file, line: adapter.inboxLine)
    }

    /// The archive folder for `day`.
    public func archiveFolder(on day: LocalDate) -> String {
        (((folder as NSString).deletingLastPathComponent as NSString).appendingPathComponent("archive") as NSString)
            .appendingPathComponent(day.description)
    }

    /// The files ready to import, and those that match but are not complete yet.
    public func scan(now: Date = .now) -> (ready: [String], waiting: [String]) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var ready: [String] = [], waiting: [String] = []
        for name in names.sorted() where !name.hasPrefix(".") && fnmatch(pattern, name, 0) == 0 {
            if let marker = readyMarker, name.hasSuffix(marker) { continue }
            let path = (folder as NSString).appendingPathComponent(name)
            let complete: Bool
            if let marker = readyMarker {
                complete = FileManager.default.fileExists(atPath: path + marker)
            } else {
                let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? now
                complete = now.timeIntervalSince(modified) >= quietSeconds
            }
            if complete { ready.append(path) } else { waiting.append(path) }
        }
        return (ready, waiting)
    }

    /// Moves an imported file (and its marker) to the archive with a receipt; returns the archived path.
    public func archive(_ path: String, record: ImportRecord, rejects: String? = nil, now: Date = .now) throws -> String {
        let folder = archiveFolder(on: ShanghaiTime.date(of: now))
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let name = (path as NSString).lastPathComponent
        var target = (folder as NSString).appendingPathComponent(name)
        var n = 1
        while FileManager.default.fileExists(atPath: target) {  // the same name twice a day: keep both
            n += 1
            target = (folder as NSString).appendingPathComponent("\(n)-\(name)")
        }
        let receipt: [String: Any] = [
            "file": name, "size": record.size, "sha256": record.sha256, "adapter": record.adapter, "importID": record.id,
            "rows": record.rows, "accepted": record.stored.accepted, "duplicates": record.stored.duplicates,
            "updated": record.stored.updated, "rejected": record.rejected, "skipped": record.skipped,
            "acceptedMessages": record.stored.acceptedMessages, "updatedMessages": record.stored.updatedMessages, "startedAt": ShanghaiTime.format(record.startedAt),
            "finishedAt": record.finishedAt.map(ShanghaiTime.format) ?? "",
        ]
        let json = try JSONSerialization.data(withJSONObject: receipt, options: [.sortedKeys, .prettyPrinted])
        // The receipt is written under a temporary name and renamed, so a reader never sees half of it.
        let receiptPath = target + ".receipt.json"
        try json.write(to: URL(fileURLWithPath: receiptPath + ".tmp"))
        try FileManager.default.moveItem(atPath: path, toPath: target)
        try FileManager.default.moveItem(atPath: receiptPath + ".tmp", toPath: receiptPath)
        if let rejects { try FileManager.default.moveItem(atPath: rejects, toPath: target + ".rejects.csv") }
        if let marker = readyMarker, FileManager.default.fileExists(atPath: path + marker) {
            try FileManager.default.moveItem(atPath: path + marker, toPath: target + marker)
        }
        return target
    }

    /// The rejects file archived with the file of import `importID` (`NAME.rejects.csv` beside it, found by its
    /// receipt), if there is one.
    public func archivedRejects(importID: Int64) -> String? {
        let archive = ((folder as NSString).deletingLastPathComponent as NSString).appendingPathComponent("archive")
        let fm = FileManager.default
        for day in ((try? fm.contentsOfDirectory(atPath: archive)) ?? []).sorted().reversed() {
            let dayFolder = (archive as NSString).appendingPathComponent(day)
            for name in ((try? fm.contentsOfDirectory(atPath: dayFolder)) ?? []) where name.hasSuffix(".receipt.json") {
                let receipt = (dayFolder as NSString).appendingPathComponent(name)
                guard let data = fm.contents(atPath: receipt),
                      let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                      (json["importID"] as? NSNumber)?.int64Value == importID else { continue }
                let rejects = String(receipt.dropLast(".receipt.json".count)) + ".rejects.csv"
                return fm.fileExists(atPath: rejects) ? rejects : nil
            }
        }
        return nil
    }
}
