import Dispatch
import Foundation
import Synchronization

/// Buffered writing to standard output or a file: one `write(2)` per 64 KiB of text lines instead of one per line,
/// and lines that end in their newline already (`sgw map`'s) gathered and written with `writev`, uncopied.
///
/// The writing itself happens on a queue of its own, in order, at most four pieces ahead of the caller (`Writer`):
/// `sgw map` reports each batch on the thread the mapping threads wait for, and the writes and the freeing of what
/// was written took that thread's time. `flush()` waits until everything is written; `failed` is exact after it.
struct OutputBuffer {
    private var bytes: [UInt8] = []
    /// Lines that end in a newline already, kept as they are until written together.
    private var lines: [[UInt8]] = []
    private var linesBytes = 0
    private let writer: Writer

    /// Set when a write failed: some output was lost. Exact after `flush()`.
    var failed: Bool { writer.failed }

    init(fileDescriptor: Int32 = 1) {
        writer = Writer(fileDescriptor: fileDescriptor)
        bytes.reserveCapacity(1 << 16)
    }

    /// Creates (or truncates) `path` for writing; nil when it cannot.
    static func create(_ path: String) -> Int32? {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        return fd >= 0 ? fd : nil
    }

    /// Closes a file opened with `create`, after what was handed to it is written.
    func close() {
        writer.wait()
        if writer.fd > 2 { _ = Foundation.close(writer.fd) }
    }

    mutating func line(_ text: String) { line(Array(text.utf8)) }

    mutating func line(_ utf8: [UInt8]) {
        if !lines.isEmpty { handOverLines() }
        bytes.append(contentsOf: utf8)
        bytes.append(0x0A)
        if bytes.count >= 1 << 16 { handOverBytes() }
    }

    /// Lines that end in their newline, `count` bytes, written without copying them (`sgw map` writes a record's lines
    /// together: copying them into the buffer was 2% of its CPU).
    mutating func lines(endingInNewline utf8: consuming [UInt8], count: Int) {
        if !bytes.isEmpty { handOverBytes() }
        linesBytes += count
        lines.append(utf8)
        if lines.count == 1024 || linesBytes >= 1 << 20 { handOverLines() }
    }

    /// Writes everything handed over so far, and waits until it is written.
    mutating func flush() {
        handOverLines()
        handOverBytes()
        writer.wait()
    }

    private mutating func handOverLines() {
        guard !lines.isEmpty else { return }
        writer.write(lines: lines)
        lines = []
        lines.reserveCapacity(1024)
        linesBytes = 0
    }

    private mutating func handOverBytes() {
        guard !bytes.isEmpty else { return }
        writer.write(bytes: bytes)
        bytes = []
        bytes.reserveCapacity(1 << 16)
    }

    /// Writes pieces to a file descriptor on a serial queue, in the order they come, at most four waiting at once so
    /// that memory stays bounded when the file is slower than the caller. What was written is freed there too.
    final class Writer: Sendable {
        let fd: Int32
        private let queue = DispatchQueue(label: "sgw.output")
        /// Room for four pieces. Created at 0 and signalled four times: libdispatch stops the process when a
        /// semaphore goes away with a value below the one it was created with (see `BatchPipeline`).
        private let room = DispatchSemaphore(value: 0)
        private let failure = Atomic(false)

        init(fileDescriptor: Int32) {
            fd = fileDescriptor
            for _ in 0..<4 { room.signal() }
        }

        var failed: Bool { failure.load(ordering: .acquiring) }

        /// Waits until every piece handed over is written.
        func wait() { queue.sync {} }

        func write(bytes: [UInt8]) {
            submit { [fd] in
                bytes.withUnsafeBytes { raw in
                    var offset = 0
                    while offset < raw.count {
                        let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                        if n < 0 && errno == EINTR { continue }
                        guard n > 0 else { return false }  // disk full, closed pipe
                        offset += n
                    }
                    return true
                }
            }
        }

        func write(lines: [[UInt8]]) {
            submit { [fd] in
                var vectors: [iovec] = []
                vectors.reserveCapacity(lines.count)
                // The vectors point into the lines' storage: valid while `lines` is kept alive and unchanged.
                return withExtendedLifetime(lines) {
                    for l in lines {
                        l.withUnsafeBytes { vectors.append(iovec(iov_base: UnsafeMutableRawPointer(mutating: $0.baseAddress), iov_len: $0.count)) }
                    }
                    var first = 0
                    while first < vectors.count {
                        let n = vectors.withUnsafeBufferPointer { Foundation.writev(fd, $0.baseAddress! + first, Int32(min(vectors.count - first, 1024))) }
                        if n < 0 && errno == EINTR { continue }
                        guard n > 0 else { return false }  // disk full, closed pipe
                        // Past the vectors written whole; a vector written in part is shortened to what is left.
                        var left = n
                        while first < vectors.count && left >= vectors[first].iov_len {
                            left -= vectors[first].iov_len
                            first += 1
                        }
                        if left > 0 {
                            vectors[first].iov_base += left
                            vectors[first].iov_len -= left
                        }
                    }
                    return true
                }
            }
        }

        /// Runs `write` on the queue, after the pieces before it; after a failed write nothing more is written, and
        /// the caller must not report success.
        private func submit(_ write: @escaping @Sendable () -> Bool) {
            room.wait()
            queue.async { [self] in
                if !failed && !write() { failure.store(true, ordering: .releasing) }
                room.signal()
            }
        }
    }
}
