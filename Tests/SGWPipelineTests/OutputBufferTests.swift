import Foundation
import Glibc
@testable import SGWPipeline
import SGWTesting
import Synchronization
import Testing

/// What `OutputBuffer` hands to its file comes out whole and in order, however few bytes each `writev` takes; a
/// write that fails is reported.
@Suite struct OutputBufferTests {
    /// The system's `writev`, given at most `limit` bytes of what it is asked to write (the vectors cut there, one
    /// in the middle when it falls there), as a pipe or a socket may take less than asked. Counts its calls, and
    /// fails (EIO) past 100,000 of them, so that a writer that does not go on from where a write stopped ends the
    /// test instead of writing forever.
    static func shortWritev(limit: Int, calls: Calls) -> OutputBuffer.WriteVectors {
        { fd, vectors, count in
            guard calls.count.add(1, ordering: .relaxed).newValue <= 100_000 else {
                errno = EIO
                return -1
            }
            var cut: [iovec] = [], left = limit
            for i in 0..<Int(count) where left > 0 {
                var v = vectors[i]
                v.iov_len = min(v.iov_len, left)
                left -= v.iov_len
                cut.append(v)
            }
            return cut.withUnsafeBufferPointer { Glibc.writev(fd, $0.baseAddress, Int32($0.count)) }
        }
    }

    /// How many times `writev` was called.
    final class Calls: Sendable {
        let count = Atomic(0)
    }

    /// Lines of different lengths, each ending in its newline, the empty line and non-ASCII text included.
    static let lines: [[UInt8]] = (0..<300).map { i in
        Array((i % 7 == 0 ? "" : "第\(i)行 " + String(repeating: "x", count: i % 23)).utf8) + [0x0A]
    }

    @Test(arguments: [1, 5, 64, 1 << 20])
    func linesComeOutWholeAndInOrderAfterPartialWrites(limit: Int) throws {
        let dir = try TemporaryDirectory(prefix: "sgw-output")
        defer { dir.remove() }
        let path = dir.path + "/out.txt"
        let fd = try #require(OutputBuffer.create(path))
        let calls = Calls()
        var out = OutputBuffer(fileDescriptor: fd, writev: Self.shortWritev(limit: limit, calls: calls))
        var expected: [UInt8] = []
        for (i, line) in Self.lines.enumerated() {
            out.lines(endingInNewline: line, count: line.count)
            expected += line
            // Plain lines between gathered ones: they are written in between, in order.
            if i % 50 == 0 {
                out.line("plain \(i)")
                expected += Array("plain \(i)\n".utf8)
            }
        }
        out.flush()
        out.close()
        #expect(!out.failed)
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path))) == expected)
        let groups = Self.lines.count / OutputBuffer.Writer.vectorsPerCall
        if limit < 64 {
            // Each call took at most `limit` bytes, so the partial-write branch went on from where each stopped.
            let gathered = Self.lines.reduce(0) { $0 + $1.count }
            #expect(calls.count.load(ordering: .relaxed) >= gathered / limit)
        } else {
            #expect(calls.count.load(ordering: .relaxed) >= groups)
        }
    }

    @Test func aFailedWriteIsReported() throws {
        let dir = try TemporaryDirectory(prefix: "sgw-output")
        defer { dir.remove() }
        let path = try dir.write("read-only.txt", "")
        // A descriptor open for reading only: every write to it fails (EBADF).
        let fd = open(path, O_RDONLY)
        try #require(fd >= 0)
        for gathered in [false, true] {
            var out = OutputBuffer(fileDescriptor: fd)
            if gathered { out.lines(endingInNewline: Array("a\n".utf8), count: 2) } else { out.line("a") }
            out.flush()
            #expect(out.failed, "gathered: \(gathered)")
        }
        close(fd)
    }
}
