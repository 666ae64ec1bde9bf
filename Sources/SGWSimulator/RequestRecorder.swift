internal import Foundation
import SGWCore
import Synchronization

/// Writes the `--record` file: one JSON line per request answered (one per item for batches).
///
/// Each line goes to the file in a single `write`, unbuffered, so a test that kills the simulator (even with
/// SIGKILL) finds only complete lines. The writes are serialized by a mutex rather than an actor, which cost a task
/// switch per request.
final class RequestRecorder: Sendable {
    /// One line of the record.
    struct Entry: Sendable {
        /// The request path.
        var path: String
        /// The idempotency key (a batch item's id), if any.
        var key: String?
        /// The HTTP status answered (0 for a dropped connection).
        var status: Int
        /// `accepted`, `duplicate`, `rejected` or `fault:…`.
        var result: String
        /// Whether the key had been accepted before.
        var duplicate: Bool
        /// For `fault:malformed`: what the request came to before its answer was spoiled.
        var processed: String?
    }

    /// The record file; the lock keeps one request's lines together.
    private let handle: Mutex<FileHandle?>
    /// Whether there is a record file: without one, `record` returns at once.
    private let records: Bool

    /// A recorder writing to `path` (created or emptied), or one that writes nothing for nil.
    init(path: String?) throws {
        guard let path else {
            handle = Mutex(nil)
            records = false
            return
        }
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        self.handle = Mutex(handle)
        records = true
    }

    /// Appends the entries, one line each. The lines are written by hand, keys sorted: Foundation's
    /// JSONSerialization and ISO 8601 format style cost more than the rest of answering a request.
    func record(_ entries: [Entry]) {
        guard records, !entries.isEmpty else { return }
        let time = ShanghaiTime.utcTimestamp(Date())
        var w = JSONWriter(capacity: 200 * entries.count)
        for e in entries {
            w.open()
            w.raw("duplicate", Array((e.duplicate ? "true" : "false").utf8))
            if let key = e.key { w.string("key", key) } else { w.raw("key", Array("null".utf8)) }
            w.string("path", e.path)
            w.string("processed", e.processed)
            w.string("result", e.result)
            w.int("status", e.status)
            w.string("time", time)
            w.close()
            w.bytes.append(UInt8(ascii: "\n"))
        }
        handle.withLock { try? $0?.write(contentsOf: w.bytes) }
    }
}
