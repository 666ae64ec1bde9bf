import Dispatch
import Glibc
import Synchronization

/// Buffered writing to standard output or a file: one `write(2)` per 64 KiB of text lines instead of one per line,
/// and lines that end in their newline already (`sgw map`'s) gathered and written with `writev`, uncopied.
///
/// The writing itself happens on a queue of its own, in order, at most four pieces ahead of the caller (`Writer`),
/// so that the thread producing the output (the one `sgw map`'s mapping threads wait for) neither writes nor frees
/// what was written. `flush()` waits until everything is written; `failed` is exact after it.
public struct OutputBuffer {
    /// The `writev(2)` the writer calls: the system's, or in tests one that writes less than asked.
    typealias WriteVectors = @Sendable (Int32, UnsafePointer<iovec>, Int32) -> Int

    private var bytes: [UInt8] = []
    /// Lines that end in a newline already, kept as they are until written together.
    private var lines: [[UInt8]] = []
    private var linesBytes = 0
    private let writer: Writer

    /// Set when a write failed: some output was lost. Exact after `flush()`.
    public var failed: Bool { writer.failed }

    /// Output to `fileDescriptor` (standard output unless given).
    public init(fileDescriptor: Int32 = 1) {
        self.init(fileDescriptor: fileDescriptor, writev: { Glibc.writev($0, $1, $2) })
    }

    init(fileDescriptor: Int32, writev: @escaping WriteVectors) {
        writer = Writer(fileDescriptor: fileDescriptor, writev: writev)
        bytes.reserveCapacity(1 << 16)
    }

    /// Creates (or truncates) `path` for writing; nil when it cannot.
    public static func create(_ path: String) -> Int32? {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        return fd >= 0 ? fd : nil
    }

    /// Closes a file opened with `create`, after what was handed to it is written.
    public func close() {
        writer.wait()
        if writer.fd > 2 { _ = Glibc.close(writer.fd) }
    }

    /// Adds `text` and a newline.
    public mutating func line(_ text: String) { line(Array(text.utf8)) }

    /// Adds `utf8` and a newline.
    public mutating func line(_ utf8: [UInt8]) {
        if !lines.isEmpty { handOverLines() }
        bytes.append(contentsOf: utf8)
        bytes.append(0x0A)
        if bytes.count >= 1 << 16 { handOverBytes() }
    }

    /// Lines that end in their newline, `count` bytes, written without copying them: `sgw map` makes a record's lines
    /// in one array, and a copy would be one more pass over every byte it writes.
    public mutating func lines(endingInNewline utf8: consuming [UInt8], count: Int) {
        if !bytes.isEmpty { handOverBytes() }
        linesBytes += count
        lines.append(utf8)
        if lines.count == 1024 || linesBytes >= 1 << 20 { handOverLines() }
    }

    /// Writes everything handed over so far, and waits until it is written.
    public mutating func flush() {
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
    ///
    /// Hand-written rather than an async channel: its callers are synchronous threads (`sgw map`'s reporting
    /// thread), which block for room, and a dispatch queue gives them order and back-pressure with no executor.
    final class Writer: Sendable {
        let fd: Int32
        private let writev: WriteVectors
        private let queue = DispatchQueue(label: "sgw.output")
        /// Room for four pieces. Created at 0 and signalled four times: libdispatch stops the process when a
        /// semaphore goes away with a value below the one it was created with.
        private let room = DispatchSemaphore(value: 0)
        private let failure = Atomic(false)
        /// Lines per `writev` call: each line's pointer is lent by a nested `withUnsafeBytes`, so this bounds their depth.
        static let vectorsPerCall = 64

        init(fileDescriptor: Int32, writev: @escaping WriteVectors) {
            fd = fileDescriptor
            self.writev = writev
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
                        let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                        if n < 0 && errno == EINTR { continue }
                        guard n > 0 else { return false }  // disk full, closed pipe
                        offset += n
                    }
                    return true
                }
            }
        }

        func write(lines: [[UInt8]]) {
            submit { [fd, writev] in
                var first = 0
                while first < lines.count {
                    let end = min(first + Self.vectorsPerCall, lines.count)
                    var vectors: [iovec] = []
                    vectors.reserveCapacity(end - first)
                    let written = Self.withVectors(lines[first..<end], &vectors) { Self.writeAll(&$0, fd: fd, writev: writev) }
                    guard written else { return false }
                    first = end
                }
                return true
            }
        }

        /// Calls `body` with a vector for each of `lines`, each pointing into its line's storage: the line lends the
        /// pointer for the length of `body` only, through one `withUnsafeBytes` a line.
        private static func withVectors<R>(_ lines: ArraySlice<[UInt8]>, _ vectors: inout [iovec],
                                           _ body: (inout [iovec]) -> R) -> R {
            guard let line = lines.first else { return body(&vectors) }
            return line.withUnsafeBytes { raw in
                vectors.append(iovec(iov_base: UnsafeMutableRawPointer(mutating: raw.baseAddress), iov_len: raw.count))
                return withVectors(lines.dropFirst(), &vectors, body)
            }
        }

        /// Writes every byte `vectors` point to, calling `writev` again after a partial write; false when it fails.
        private static func writeAll(_ vectors: inout [iovec], fd: Int32, writev: WriteVectors) -> Bool {
            var first = 0
            while first < vectors.count {
                let n = vectors.withUnsafeBufferPointer { writev(fd, $0.baseAddress! + first, Int32(vectors.count - first)) }
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
