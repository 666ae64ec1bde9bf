public import Foundation
public import Logging
public import SGWMapping
public import SGWPipeline
import SGWCore
import Synchronization
public import ServiceLifecycle

/// The file adapters' inboxes as a service of `sgw serve`: every `interval` seconds each inbox is scanned, and each
/// complete file (its marker there, or quiet long enough) is imported as `sgw import` does and archived with its
/// receipt once its last commit is durable. A file whose import fails stays where it is and is tried again at the
/// next scan; a shutdown lets the file under way finish (an import is not interrupted halfway).
public struct InboxWatcher: Service {
    /// One file adapter with its inbox and mapper.
    public struct Watched: Sendable {
        /// The adapter.
        public var adapter: AdapterSpec
        /// Its mapper.
        public var mapper: Mapper
        /// Its inbox.
        public var inbox: FileInbox

        /// A watched adapter.
        public init(adapter: AdapterSpec, mapper: Mapper, inbox: FileInbox) {
            self.adapter = adapter
            self.mapper = mapper
            self.inbox = inbox
        }
    }

    let watched: [Watched]
    let importer: Importer
    let rejectsFolder: String
    let interval: TimeInterval
    let logger: Logger

    /// A watcher of `watched`, importing with `importer`, scanning every `interval` seconds.
    public init(watched: [Watched], importer: Importer, rejectsFolder: String, interval: TimeInterval, logger: Logger) {
        self.watched = watched
        self.importer = importer
        self.rejectsFolder = rejectsFolder
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        let shutdown = GracefulShutdownState()
        // Stopped by a graceful shutdown or by cancellation (a reload), never in the middle of a file.
        await withGracefulShutdownHandler {
            while !shutdown.requested, !Task.isCancelled {
                for w in watched where !shutdown.requested && !Task.isCancelled { await scan(w) }
                try? await Task.sleep(for: .milliseconds(Int(interval * 1000)))
            }
        } onGracefulShutdown: {
            shutdown.request()
        }
    }

    /// Imports the complete files of one inbox; returns how many were imported.
    @discardableResult
    public func scan(_ w: Watched) async -> Int {
        let (ready, _) = w.inbox.scan()
        var imported = 0
        for path in ready {
            let importer = self.importer, rejects = rejectsFolder
            do {
                let archived = try await blockingCall { () throws -> String in
                    let (record, rejectsFile, _) = try importer.importFile(adapter: w.adapter, mapper: w.mapper, path: path,
                                                                          rejectsFolder: rejects)
                    return try w.inbox.archive(path, record: record, rejects: rejectsFile) + ": " + record.summary
                }
                imported += 1
                logger.info("inbox \(w.adapter.name): \(path) imported and archived as \(archived)")
            } catch {
                logger.error("inbox \(w.adapter.name): \(path): \(Masking.text("\(error)")); left in the inbox for the next scan")
            }
        }
        return imported
    }
}

/// Whether a graceful shutdown was asked for, read by a loop between files.
final class GracefulShutdownState: Sendable {
    private let flag = Mutex(false)
    var requested: Bool { flag.withLock { $0 } }
    func request() { flag.withLock { $0 = true } }
}
