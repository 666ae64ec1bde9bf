import ArgumentParser
import Foundation
import SGWCore

/// Printing for commands: buffered standard output for bulk answers, and messages on standard error.
enum Console {
    /// Writes `text` and a newline to standard error, after what was printed to standard output so far: when both go
    /// to one file (`sgw demo > log 2>&1`), standard output is block-buffered and would otherwise land out of order.
    static func error(_ text: String) {
        fflush(nil)
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Prints configuration problems and returns the exit code for them (2).
    static func configFailure(_ problems: ConfigProblems) -> ExitCode {
        for p in problems.problems { error(p.description) }
        error("error: \(problems.problems.count) problem(s) in the configuration")
        return ExitCode(2)
    }

    /// Makes a value safe for one tab-separated field: control characters escaped, long values cut.
    static func field(_ value: String, limit: Int = 80) -> String {
        var out = ""
        var count = 0
        for scalar in value.unicodeScalars {
            if count >= limit {
                out += "…(\(value.unicodeScalars.count) characters)"
                break
            }
            switch scalar.value {
            case 0x09: out += "\\t"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0..<0x20, 0x7F, 0x80..<0xA0: out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return out
    }
}

/// Environment variables, read in one place.
enum Environment {
    static func value(_ name: String) -> String? {
        guard let v = ProcessInfo.processInfo.environment[name], !v.isEmpty else { return nil }
        return v
    }
}

/// Buffered writing to standard output: one `write(2)` per 64 KiB instead of one per line.
struct OutputBuffer {
    private var bytes: [UInt8] = []
    private let fd: Int32
    /// Set when a write failed: some output was lost.
    private(set) var failed = false

    init(fileDescriptor: Int32 = 1) {
        fd = fileDescriptor
        bytes.reserveCapacity(1 << 16)
    }

    /// Creates (or truncates) `path` for writing; nil when it cannot.
    static func create(_ path: String) -> Int32? {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        return fd >= 0 ? fd : nil
    }

    /// Closes a file opened with `create`.
    func close() { if fd > 2 { _ = Foundation.close(fd) } }

    mutating func line(_ text: String) { line(Array(text.utf8)) }

    mutating func line(_ utf8: [UInt8]) {
        bytes.append(contentsOf: utf8)
        bytes.append(0x0A)
        if bytes.count >= 1 << 16 { flush() }
    }

    /// Lines that end in a newline already, kept as they are and written together with `writev`.
    private var lines: [[UInt8]] = []
    private var linesBytes = 0

    /// Lines that end in their newline, written without copying them (`sgw map` writes a record's lines together:
    /// copying them into the buffer was 2% of its CPU, on the thread that reports the batches while the other cores
    /// wait).
    mutating func lines(endingInNewline utf8: consuming [UInt8]) {
        if !bytes.isEmpty { flush() }
        linesBytes += utf8.count
        lines.append(utf8)
        if lines.count == 1024 || linesBytes >= 1 << 20 { flushLines() }
    }

    private mutating func flushLines() {
        guard !lines.isEmpty else { return }
        var vectors: [iovec] = []
        vectors.reserveCapacity(lines.count)
        // The vectors point into the lines' storage: valid while `lines` is kept alive and unchanged, until written.
        withExtendedLifetime(lines) {
            for l in lines {
                l.withUnsafeBytes { vectors.append(iovec(iov_base: UnsafeMutableRawPointer(mutating: $0.baseAddress), iov_len: $0.count)) }
            }
            var first = 0
            while first < vectors.count && !failed {
                let n = vectors.withUnsafeBufferPointer { Foundation.writev(fd, $0.baseAddress! + first, Int32(vectors.count - first)) }
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else {
                    failed = true  // disk full, closed pipe: the caller must not report success
                    break
                }
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
        }
        // Freed on another thread: the mapping threads made the lines, and freeing them here (into those threads'
        // heaps) held up the thread that reports each batch while the other cores wait for it (1.3% of `sgw map`).
        let written = lines
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(written) {} }
        lines = []
        lines.reserveCapacity(written.count)
        linesBytes = 0
    }

    mutating func flush() {
        flushLines()
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 {
                    failed = true  // disk full, closed pipe: the caller must not report success
                    break
                }
                offset += n
            }
        }
        bytes.removeAll(keepingCapacity: true)
    }

}
