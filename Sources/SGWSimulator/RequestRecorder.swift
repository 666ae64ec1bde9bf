internal import Foundation
import SGWCore

/// Writes the `--record` file: one JSON line per request answered (one per item for batches).
///
/// Each line goes to the file in a single `write`, unbuffered, so a test that kills the simulator (even with
/// SIGKILL) finds only complete lines.
actor RequestRecorder {
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

    private nonisolated let handle: FileHandle?

    /// A recorder writing to `path` (created or emptied), or one that writes nothing for nil.
    init(path: String?) throws {
        guard let path else {
            handle = nil
            return
        }
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        self.handle = handle
    }

    /// Appends the entries, one line each. The lines are written by hand, keys sorted: Foundation's
    /// JSONSerialization and ISO 8601 format style cost more than the rest of answering a request.
    nonisolated func record(_ entries: [Entry]) async {
        // Without a record file, no call into the actor.
        guard handle != nil, !entries.isEmpty else { return }
        await write(entries)
    }

    private func write(_ entries: [Entry]) {
        guard let handle else { return }
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
        try? handle.write(contentsOf: w.bytes)
    }
}
