#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns a file's bytes into UTF-8, chunk by chunk, so that every reader parses UTF-8 only.
///
/// GBK and GB18030 go through the C library's iconv (glibc ships the GB18030 converter), which no Swift package on
/// this machine replaces. A byte sequence that is not text in the encoding becomes the byte 0xFF in the output: 0xFF
/// never occurs in valid UTF-8, so the record holding it fails UTF-8 validation and is rejected on its own while
/// the file goes on.
public final class UTF8Transcoder {
    /// The byte that marks an undecodable sequence in the output.
    public static let invalidMarker: UInt8 = 0xFF

    /// The encoding actually used (after `auto` decided).
    public private(set) var resolved: TextEncoding
    private var converter: iconv_t?
    private var pending: [UInt8] = []
    private var started = false

    /// A transcoder for `encoding`; `auto` decides on the first chunk.
    public init(_ encoding: TextEncoding) {
        resolved = encoding
    }

    deinit { if let converter { iconv_close(converter) } }

    /// Converts the next chunk; an empty `input` means the end of the file (flushes what is pending).
    public func convert(_ input: [UInt8]) throws(FormatError) -> [UInt8] {
        var input = input
        if !started {
            started = true
            try begin(&input)
        }
        guard converter != nil else { return input }
        let bytes = pending + input
        pending.removeAll()
        if bytes.isEmpty { return [] }
        return transcode(bytes, atEnd: input.isEmpty)
    }

    private func begin(_ input: inout [UInt8]) throws(FormatError) {
        if input.starts(with: [0xEF, 0xBB, 0xBF]) {
            input.removeFirst(3)
            if resolved == .auto { resolved = .utf8BOM }
        } else if resolved == .auto {
            if input.starts(with: [0xFF, 0xFE]) || input.starts(with: [0xFE, 0xFF]) {
                throw FormatError(code: "encoding", message: "the file is UTF-16; save it as UTF-8 or GBK")
            }
            resolved = Self.isUTF8Prefix(input) ? .utf8 : .gb18030
        }
        if resolved == .gbk || resolved == .gb18030 {
            let cd = iconv_open("UTF-8", "GB18030")
            guard cd != iconv_t(bitPattern: -1) else {
                throw FormatError(code: "encoding", message: "the C library has no GB18030 converter (iconv)")
            }
            converter = cd
        }
    }

    /// Whether `bytes` is valid UTF-8, allowing a sequence cut off at the end.
    static func isUTF8Prefix(_ bytes: [UInt8]) -> Bool {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let n: Int
            switch b {
            case 0x00...0x7F: i += 1; continue
            case 0xC2...0xDF: n = 1
            case 0xE0...0xEF: n = 2
            case 0xF0...0xF4: n = 3
            default: return false
            }
            if i + n >= bytes.count { return true }
            for k in 1...n where bytes[i + k] & 0xC0 != 0x80 { return false }
            i += n + 1
        }
        return true
    }

    private func transcode(_ bytes: [UInt8], atEnd: Bool) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        var written = 0
        var consumed = 0
        bytes.withUnsafeBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                while consumed < inBuf.count {
                    var inPtr = UnsafeMutablePointer(mutating: inBuf.baseAddress! + consumed)
                    var inLeft = inBuf.count - consumed
                    var outPtr = outBuf.baseAddress! + written
                    var outLeft = outBuf.count - written
                    let r = withUnsafeMutablePointer(to: &inPtr) { ip in
                        ip.withMemoryRebound(to: UnsafeMutablePointer<CChar>?.self, capacity: 1) { ipc in
                            withUnsafeMutablePointer(to: &outPtr) { op in
                                op.withMemoryRebound(to: UnsafeMutablePointer<CChar>?.self, capacity: 1) { opc in
                                    iconv(converter, ipc, &inLeft, opc, &outLeft)
                                }
                            }
                        }
                    }
                    consumed = inBuf.count - inLeft
                    written = outBuf.count - outLeft
                    if r != -1 { break }
                    let err = errno
                    if err == EINVAL && !atEnd {
                        break  // a sequence cut by the chunk: keep it for the next one
                    }
                    // EILSEQ (or a cut sequence at the end): mark it and step over one byte.
                    outBuf[written] = Self.invalidMarker
                    written += 1
                    consumed += 1
                }
            }
        }
        if consumed < bytes.count { pending = Array(bytes[consumed...]) }
        output.removeSubrange(written...)
        return output
    }
}
