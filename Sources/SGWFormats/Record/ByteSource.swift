#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes under every streaming reader: a file read in chunks with `read(2)`, or bytes already in memory (a
/// webhook's request body, a polled page), handed out in the same chunks so that readers do not care which.
public final class ByteSource {
    private let fd: Int32
    /// The bytes, when the source is in memory (`fd` is then -1).
    private let memory: [UInt8]?
    /// The path, or the name given to bytes in memory, for messages.
    public let path: String
    /// Bytes read so far.
    public private(set) var offset = 0

    /// Opens `path` for reading.
    public init(path: String) throws(FormatError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .io("cannot open \(path): \(String(cString: strerror(errno)))") }
        self.fd = fd
        self.path = path
        memory = nil
    }

    /// Reads standard input.
    public init(standardInput: Void) {
        fd = 0
        path = "-"
        memory = nil
    }

    /// Reads `bytes`, called `name` in messages (`webhook 01J…`, `http://host/api?pageNo=3`).
    public init(bytes: [UInt8], name: String) {
        fd = -1
        memory = bytes
        path = name
    }

    /// Reads up to `count` bytes into `buffer` (replacing its contents, in its own storage when that is large
    /// enough); an empty buffer means the end.
    public func read(into buffer: inout [UInt8], count: Int = 1 << 16) throws(FormatError) {
        if let memory {
            buffer.removeAll(keepingCapacity: true)
            buffer.append(contentsOf: memory[offset..<min(memory.count, offset + count)])
            offset += buffer.count
            return
        }
        while true {
            var failure: Int32 = 0
            // The caller's storage, used again: a new 64 KiB array a chunk makes glibc gather every small block freed
            // since (malloc_consolidate) on the thread that reads the file.
            buffer.removeAll(keepingCapacity: true)
            buffer.append(addingCapacity: count) { span in
                span.withUnsafeMutableBufferPointer { raw, initialized in
                    let r = readFD(fd, raw.baseAddress!, count)
                    initialized = max(r, 0)
                    if r < 0 { failure = errno }
                }
            }
            if failure == EINTR { continue }
            if failure != 0 { throw .io("cannot read \(path): \(String(cString: strerror(failure)))") }
            offset += buffer.count
            return
        }
    }

    /// Reads the rest of the source, refusing more than `limit` bytes.
    public func readAll(limit: Int) throws(FormatError) -> [UInt8] {
        var all: [UInt8] = []
        var chunk: [UInt8] = []
        repeat {
            try read(into: &chunk)
            all += chunk
            if all.count > limit { throw .limit("\(path) is larger than \(limit) bytes") }
        } while !chunk.isEmpty
        return all
    }

    deinit { if fd > 0 { close(fd) } }
}

private func readFD(_ fd: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int { read(fd, buffer, count) }
