public import Foundation
public import SGWCore
import SGWFormats
public import SGWStore

/// Offline packages (线下定期推送, 曲阜 art. 20.1) for departments without an API: the due messages for one recipient
/// written as a package in its outbox: the records in the recipient's format and a manifest (counts, SHA-256 of each
/// file, period, sender). A package is written under a temporary name and renamed when complete, so that a
/// half-written package is never picked up. The recipient confirms with a receipt file in the receipts folder.
public struct OfflinePackager: Sendable {
    /// The destination.
    public let spec: DestinationSpec
    let settings: DestinationSpec.PackageSettings

    /// A packager for a package destination.
    public init?(spec: DestinationSpec) {
        guard let settings = spec.package else { return nil }
        self.spec = spec
        self.settings = settings
    }

    /// A leased record with its message decoded: the package's table needs its fields.
    public typealias Record = (lease: DeliveryLease, message: CanonicalMessage)

    /// The leases' messages decoded, and reports parking those whose stored message cannot be read (each alone).
    public static func decode(_ leases: [DeliveryLease]) -> (records: [Record], parked: [DeliveryReport]) {
        var records: [Record] = [], parked: [DeliveryReport] = []
        for lease in leases {
            do {
                records.append((lease, try lease.message.decoded()))
            } catch {
                parked.append(.parked(lease, .unreadableMessage("the stored message cannot be read: \(error)")))
            }
        }
        return (records, parked)
    }

    /// Writes one package holding `records`; returns its folder.
    public func write(_ records: [Record], now: Date) throws -> String {
        let fm = FileManager.default
        try fm.createDirectory(atPath: settings.outbox, withIntermediateDirectories: true)
        try fm.createDirectory(atPath: settings.receipts, withIntermediateDirectories: true)
        let stamp = ShanghaiTime.format(now).prefix(19).replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "-", with: "")
        let id = "\(spec.name)-\(stamp)-\(UUID().uuidString.prefix(8).lowercased())"
        let temporary = (settings.outbox as NSString).appendingPathComponent(".\(id).partial")
        let final = (settings.outbox as NSString).appendingPathComponent(id)
        let (name, bytes) = try file(records)
        try fm.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        // A package that fails half-way leaves no partial folder behind.
        var committed = false
        defer { if !committed { try? fm.removeItem(atPath: temporary) } }
        try Data(bytes).write(to: URL(fileURLWithPath: (temporary as NSString).appendingPathComponent(name)))
        let dates = records.map(\.lease.message.decisionDate)
        var byKind: [String: Int] = [:]
        for r in records { byKind[r.message.envelope.kind.rawValue, default: 0] += 1 }
        var manifest: [String: Any] = [
            "package": id, "sender": settings.sender, "recipients": settings.recipients, "createdAt": ShanghaiTime.format(now),
            "period": ["from": dates.min()?.description ?? "", "to": dates.max()?.description ?? ""],
            "counts": byKind, "records": records.count,
            "files": [["name": name, "sha256": ContentHash.sha256(bytes), "bytes": bytes.count, "records": records.count, "format": settings.format.rawValue]],
            "confirmBy": ShanghaiTime.format(now.addingTimeInterval(settings.confirmWithinSeconds)),
            // Which lease each record went out under: a receipt confirms this package's sending, not a later one's.
            "leases": Dictionary(records.map { ($0.message.envelope.id.rawValue, $0.lease.token) }, uniquingKeysWith: { a, _ in a }),
            "receipt": "drop \(id).receipt.json in \(settings.receipts): {\"package\": \"\(id)\", \"accepted\": [ids], \"rejected\": [{\"id\", \"reason\"}], \"claims\": [{\"id\", \"department\", \"at\"}]}",
        ]
        if settings.format != .json {
            // The rule, for whoever reads the table back by program: the values are had back exactly.
            manifest["cells"] = "a cell beginning with = + - @ tab or CR (after any ') has one ' put in front against formulas; "
                + "remove that one ' to read the value (docs/operations.md, offline packages)"
        }
        let json = try JSONSerialization.data(withJSONObject: manifest, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        try json.write(to: URL(fileURLWithPath: (temporary as NSString).appendingPathComponent("manifest.json")))
        // sgw's own copy, beside the receipts it archives: a recipient that moves its packages out of the outbox when
        // it fetches them must still be able to confirm them.
        let kept = (settings.receipts as NSString).appendingPathComponent("sent")
        try fm.createDirectory(atPath: kept, withIntermediateDirectories: true)
        try json.write(to: URL(fileURLWithPath: (kept as NSString).appendingPathComponent("\(id).manifest.json")))
        // On disk before the rename: after a power cut a package is whole or absent, never a renamed folder of
        // empty files.
        for f in [name, "manifest.json"] { try Self.sync((temporary as NSString).appendingPathComponent(f)) }
        try Self.sync(temporary)
        // The rename is the commit: a reader sees the whole package or none of it.
        try fm.moveItem(atPath: temporary, toPath: final)
        committed = true
        // Best effort: the package exists now, and failing here would send its records again in another one.
        try? Self.sync(settings.outbox)
        return final
    }

    /// fsync(2) of a file or folder: Foundation writes files without it (FileHandle.synchronize needs an open
    /// handle; a folder has none). Some shared file systems (SMB, FUSE mounts) cannot sync a folder and say so with
    /// EINVAL, EBADF or ENOTSUP; as PostgreSQL's fsync_fname does, that is not an error, or no package could ever be
    /// written to such an outbox.
    static func sync(_ path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        guard fsync(fd) == 0 else {
            let code = errno
            if code == EINVAL || code == EBADF || code == ENOTSUP { return }
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
        }
    }

    /// The records file: a row per message for a department to open in Excel, or the full messages as JSON lines.
    func file(_ records: [Record]) throws -> (String, [UInt8]) {
        switch settings.format {
        case .json:
            var out: [UInt8] = []
            for r in records {
                out += PlatformPayload.body(for: r.message, warnings: r.lease.message.warnings)
                out.append(0x0A)
            }
            return ("records.jsonl", out)
        case .csvGBK, .csvUTF8:
            var w = CSVWriter(encoding: settings.format == .csvGBK ? .gbk : .utf8BOM)
            for row in table(records) { w.row(row) }
            return ("records.csv", w.encoded())
        case .xlsx:
            return ("records.xlsx", Array(try XLSXWriter.workbook(sheet: "推送记录", rows: table(records))))
        }
    }

    /// The records as a table with Chinese headers, one row per message, for CSV and XLSX.
    func table(_ records: [Record]) -> [[String]] {
        var rows = [["消息编号", "类型", "业务编号", "版本", "事项名称", "行政相对人", "统一社会信用代码/证件号码", "决定日期", "有效期至", "内容",
                     "监管部门", "推送截止", "提示"]]
        for (l, m) in records {
            let e = m.envelope
            var row = [e.id.rawValue, e.kind.rawValue, e.key, String(e.version)]
            switch m.body {
            case .approval(let a):
                row += [a.itemName, a.counterparty.name, a.counterparty.uscc ?? a.counterparty.idNumber ?? "", a.decisionDate.description,
                        a.validity.to?.description ?? "长期", a.content, a.supervisingDepartment ?? ""]
            case .supervision(let s):
                row += [s.kind.label, s.counterparty?.name ?? "", s.counterparty?.uscc ?? s.counterparty?.idNumber ?? "",
                        s.decisionDate.description, "", s.basisAndResult, s.department]
            case .creditLicence, .creditPenalty, .creditInspection:
                row += ["", "", "", m.body.decisionDate.description, "", "", ""]
            }
            row.append(l.dueAt.map(ShanghaiTime.format) ?? "")
            row.append(l.message.warnings.map(\.text).joined(separator: "\n"))
            rows.append(row)
        }
        return rows
    }
}
