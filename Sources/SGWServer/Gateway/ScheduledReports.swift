public import Foundation
public import Logging
public import SGWCore
import SGWPipeline
import SGWReports
public import SGWStore
public import ServiceLifecycle

/// Writes each profile's accountability report when its period closes (周村 monthly, art. 7; 聊城 quarterly, art. 23;
/// a profile whose rules set no fixed period, such as 曲阜 art. 19 「定期」, or none at all, gets none): the last
/// complete period's report, in each configured format, into `FOLDER/PROFILE/`. The file is the mark that it was
/// written, so a restart writes nothing twice; a period that closed while the gateway was down is written when it
/// starts. Each report written is a line in the audit log.
public struct ScheduledReports: Service {
    let store: any MessageStore
    let profiles: ProfileCatalog
    let folder: String
    let formats: [ReportFormat]
    let interval: TimeInterval
    let logger: Logger

    /// The actor the audit log names for these reports.
    public static let actor = Principal(name: "sgw-serve:scheduled-reports", role: .admin)

    /// Reports of `profiles` from `store` into `folder`, looked for every `interval` seconds.
    public init(store: any MessageStore, profiles: ProfileCatalog, folder: String, formats: [String], interval: TimeInterval, logger: Logger) {
        self.store = store
        self.profiles = profiles
        self.folder = folder
        self.formats = formats.compactMap(ReportFormat.init(rawValue:))
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    do {
                        let written = try await blockingCall { try writeDue(now: Date()) }
                        for path in written { logger.info("scheduled report written", metadata: ["file": "\(path)"]) }
                    } catch {
                        logger.warning("scheduled reports: \(error)")
                    }
                    try await Task.sleep(for: .milliseconds(Int(interval * 1000)))
                }
            }
        } catch is CancellationError {}
    }

    /// Writes the reports of the periods closed by `now` that are not written yet; returns the files written.
    public func writeDue(now: Date) throws -> [String] {
        var written: [String] = []
        for profile in profiles.sorted {
            guard let frequency = ReportingPeriod.frequency(of: profile), frequency != .regular,
                  let period = ReportingPeriod.lastComplete(frequency, before: now) else { continue }
            let dir = (folder as NSString).appendingPathComponent(profile.id)
            var report: AccountabilityReport?
            for format in formats {
                let name = AccountabilityReport.fileName(period: period, profile: profile.id, department: nil, format: format)
                let path = (dir as NSString).appendingPathComponent(name)
                guard !FileManager.default.fileExists(atPath: path) else { continue }
                let made = try report ?? AccountabilityReport.make(store: store, period: period, profile: profile.id, now: now)
                report = made
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
                // Written whole under a hidden name, then renamed: a file that is there is complete.
                let partial = (dir as NSString).appendingPathComponent(".\(name).partial")
                try made.data(format: format).write(to: URL(fileURLWithPath: partial))
                try FileManager.default.moveItem(atPath: partial, toPath: path)
                try store.audit(AuditEntry(at: now, actor: Self.actor.name, role: Self.actor.role, action: .reportGenerated,
                                           target: period.description,
                                           detail: "\(format.rawValue) to \(path); profile \(profile.id) (scheduled)"))
                written.append(path)
            }
        }
        return written
    }
}
