internal import Foundation

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

    private let handle: FileHandle?
    private let timeFormat = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

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

    /// Appends the entries, one line each.
    func record(_ entries: [Entry]) {
        guard let handle, !entries.isEmpty else { return }
        var lines = Data()
        for e in entries {
            var object: [String: Any] = [
                "time": timeFormat.format(Date()), "path": e.path, "key": e.key ?? NSNull(), "status": e.status,
                "result": e.result, "duplicate": e.duplicate,
            ]
            if let processed = e.processed { object["processed"] = processed }
            guard let line = try? JSONSerialization.data(withJSONObject: object,
                                                         options: [.sortedKeys, .withoutEscapingSlashes])
            else { continue }
            lines.append(line)
            lines.append(UInt8(ascii: "\n"))
        }
        try? handle.write(contentsOf: lines)
    }
}
