import Foundation

/// The receipt side of an offline package: the recipients' receipt files, read, matched to their package's
/// manifest and moved aside once applied (what a receipt means is `ReceiptReconciler`'s).
extension OfflinePackager {
    /// A recipient's confirmation.
    public struct Receipt: Sendable, Decodable {
        public struct Rejected: Sendable, Decodable { public var id: String; public var reason: String? }
        public struct Claim: Sendable, Decodable { public var id: String; public var department: String?; public var at: String? }
        public var package: String?
        public var accepted: [String]?
        public var rejected: [Rejected]?
        public var claims: [Claim]?
    }

    /// The receipts waiting in the receipts folder, with the ones that cannot be read (file and reason).
    public func pendingReceipts() -> (receipts: [(path: String, receipt: Receipt)], unreadable: [(path: String, reason: String)]) {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: settings.receipts)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        var receipts: [(String, Receipt)] = [], unreadable: [(String, String)] = []
        for f in files {
            let path = (settings.receipts as NSString).appendingPathComponent(f)
            do {
                receipts.append((path, try JSONDecoder().decode(Receipt.self, from: Data(contentsOf: URL(fileURLWithPath: path)))))
            } catch {
                unreadable.append((path, "\(error)"))
            }
        }
        return (receipts, unreadable)
    }

    /// The lease token each record of `package` went out under, from its manifest (in the outbox, else sgw's copy
    /// in `receipts/sent/`); nil when there is no such package.
    public func leaseTokens(package: String) -> [String: String]? {
        guard !package.contains("/"), !package.hasPrefix(".") else { return nil }
        let inOutbox = ((settings.outbox as NSString).appendingPathComponent(package) as NSString).appendingPathComponent("manifest.json")
        let kept = ((settings.receipts as NSString).appendingPathComponent("sent") as NSString).appendingPathComponent("\(package).manifest.json")
        guard let data = FileManager.default.contents(atPath: inOutbox) ?? FileManager.default.contents(atPath: kept),
              let manifest = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return manifest["leases"] as? [String: String]
    }

    /// Moves a processed (or unreadable) receipt aside, so that it is read once and kept for the auditors.
    public func archive(receipt path: String, into folder: String) throws {
        let target = (settings.receipts as NSString).appendingPathComponent(folder)
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        let destination = (target as NSString).appendingPathComponent((path as NSString).lastPathComponent)
        try? FileManager.default.removeItem(atPath: destination)
        try FileManager.default.moveItem(atPath: path, toPath: destination)
    }
}
