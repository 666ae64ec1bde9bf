import Foundation

/// Reads lines from a file descriptor in 64 KiB chunks, with bounded memory: a line longer than `maximumLength`
/// keeps only its first `maximumLength` bytes and reports its full length, so a 100 MB line is one clear error
/// instead of 100 MB in memory. A trailing CR (CRLF files) is dropped.
struct LineReader {
    struct Line {
        /// The line's bytes, at most `maximumLength`.
        var bytes: [UInt8]
        /// The full length in bytes.
        var length: Int
        /// Whether `bytes` is only the start of the line.
        var isTruncated: Bool { length > bytes.count }
    }

    private let fd: Int32
    private let maximumLength: Int
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    private var start = 0
    private var end = 0
    private var atEOF = false

    init(fileDescriptor fd: Int32 = 0, maximumLength: Int = 4096) {
        self.fd = fd
        self.maximumLength = maximumLength
    }

    /// The next line, or nil at the end of input.
    mutating func next() -> Line? {
        var line = [UInt8]()
        var length = 0
        while true {
            if start == end {
                if atEOF { break }
                let n = buffer.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress!, $0.count) }
                if n <= 0 {
                    atEOF = true
                    break
                }
                start = 0
                end = n
            }
            if let nl = buffer[start..<end].firstIndex(of: 0x0A) {
                append(buffer[start..<nl], to: &line, length: &length)
                start = nl + 1
                return finish(line, length)
            }
            append(buffer[start..<end], to: &line, length: &length)
            start = end
        }
        return length == 0 && line.isEmpty ? nil : finish(line, length)
    }

    private func append(_ chunk: ArraySlice<UInt8>, to line: inout [UInt8], length: inout Int) {
        let room = maximumLength - line.count
        if room > 0 { line.append(contentsOf: chunk.prefix(room)) }
        length += chunk.count
    }

    private func finish(_ line: [UInt8], _ length: Int) -> Line {
        var line = line
        var length = length
        if length == line.count, line.last == 0x0D {
            line.removeLast()
            length -= 1
        }
        return Line(bytes: line, length: length)
    }
}
