#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns a file's bytes into UTF-8, chunk by chunk, so that every reader parses UTF-8 only.
///
/// GBK and GB18030 are decoded with the C library's iconv (glibc ships the GB18030 converter), which no Swift
/// package on this machine replaces; its two-byte sequences through a table read from iconv once (`GB18030Table`).
/// A byte sequence that is not text in the encoding becomes the byte 0xFF in the output: 0xFF never occurs in
/// valid UTF-8, so the record holding it is rejected on its own (a reader looks for the mark, or validates) while
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

    /// Converts the next chunk and appends it to `output`, in its storage when there is room; an empty `input` means
    /// the end of the file (flushes what is pending). A reader keeps one buffer instead of a new array a chunk (and
    /// the input is copied only when a sequence cut by the last chunk waits to be completed).
    public func convert(_ input: [UInt8], appendingTo output: inout [UInt8]) throws(FormatError) {
        var input = input
        if !started {
            started = true
            try begin(&input)
        }
        guard converter != nil else {
            if output.isEmpty { output = input } else { output += input }
            return
        }
        if pending.isEmpty {
            if !input.isEmpty { transcode(input, atEnd: false, into: &output) }
            return
        }
        let bytes = pending + input
        pending.removeAll()
        transcode(bytes, atEnd: input.isEmpty, into: &output)
    }

    private func begin(_ input: inout [UInt8]) throws(FormatError) {
        if input.starts(with: [0xEF, 0xBB, 0xBF]) {
            input.removeFirst(3)
            if resolved == .auto { resolved = .utf8BOM }
        } else if resolved == .auto {
            if input.starts(with: [0xFF, 0xFE]) || input.starts(with: [0xFE, 0xFF]) {
                throw FormatError.encoding("the file is UTF-16; save it as UTF-8 or GBK")
            }
            resolved = Self.isUTF8Prefix(input) ? .utf8 : .gb18030
        }
        if resolved == .gbk || resolved == .gb18030 {
            let cd = iconv_open("UTF-8", "GB18030")
            guard cd != iconv_t(bitPattern: -1) else {
                throw FormatError.encoding("the C library has no GB18030 converter (iconv)")
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

    /// Whether the output is this type's own (iconv's or the table's), which is valid UTF-8 apart from
    /// `invalidMarker`: a record of it need not be validated again, only searched for the marker. Input passed
    /// through (UTF-8 files) is as the file holds it.
    public var outputIsValidUTF8ExceptMarker: Bool { converter != nil }

    /// Whether `bytes` holds `invalidMarker`.
    static func containsMarker(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        return memchr(base, Int32(invalidMarker), bytes.count) != nil
    }

    /// GB18030's bytes as UTF-8. ASCII is copied and the two-byte sequences (all the Chinese of a GBK file) are
    /// looked up in `GB18030Table`; iconv decides only what the table does not hold (four-byte sequences, unmapped
    /// pairs, stray bytes, a sequence cut by the chunk's end), a window of at most four bytes at a time, since a call
    /// into iconv costs more than a table lookup for every byte of a GBK file.
    private func transcode(_ bytes: [UInt8], atEnd: Bool, into output: inout [UInt8]) {
        // No path writes more than two bytes for each byte read (a two-byte sequence at most four, a stray byte one
        // mark), so twice the input is always room enough.
        var consumed = 0
        let table = GB18030Table.shared
        // Not zero-filled first: every byte returned is written below.
        output.append(addingCapacity: bytes.count * 2 + 16) { span in span.withUnsafeMutableBufferPointer { outBuf, written in
            bytes.withUnsafeBufferPointer { inBuf in
                table.entries.withUnsafeBufferPointer { entries in
                    let n = inBuf.count
                    while consumed < n {
                        // Eight ASCII bytes (digits, dates, delimiters) are copied as one word.
                        if consumed + 8 <= n {
                            let word = UnsafeRawPointer(inBuf.baseAddress! + consumed).loadUnaligned(as: UInt64.self)
                            if word & 0x8080_8080_8080_8080 == 0 {
                                UnsafeMutableRawPointer(outBuf.baseAddress! + written).storeBytes(of: word, as: UInt64.self)
                                written += 8
                                consumed += 8
                                continue
                            }
                        }
                        let b = inBuf[consumed]
                        if b < 0x80 {
                            outBuf[written] = b
                            written += 1
                            consumed += 1
                            continue
                        }
                        if consumed + 1 < n, let index = GB18030Table.index(lead: b, trail: inBuf[consumed + 1]) {
                            let e = entries[index]
                            if e != 0 {
                                // The entry's UTF-8 lies in its low bytes, in order: stored whole, its count byte
                                // after them is written over by what follows (or left past the end), and the room
                                // above holds four bytes for each two read.
                                UnsafeMutableRawPointer(outBuf.baseAddress! + written).storeBytes(of: e.littleEndian, as: UInt32.self)
                                written += Int(e >> 24)
                                consumed += 2
                                continue
                            }
                        }
                        // One sequence through iconv: at most four bytes, the longest GB18030 sequence.
                        let window = min(4, n - consumed)
                        let piece = UnsafeBufferPointer(rebasing: inBuf[consumed..<(consumed + window)])
                        let room = UnsafeMutableBufferPointer(rebasing: outBuf[written...])
                        let step = Self.iconvConvert(converter, piece, into: room)
                        if step.consumed > 0 {
                            // iconv's own UTF-8; checked all the same, since records of this output are not
                            // validated again (`outputIsValidUTF8ExceptMarker`).
                            let out = UnsafeBufferPointer(rebasing: outBuf[written..<(written + step.written)])
                            if UTF8Check.isValid(out) {
                                written += step.written
                            } else {
                                outBuf[written] = Self.invalidMarker
                                written += 1
                            }
                            consumed += step.consumed
                            continue
                        }
                        if step.incomplete && consumed + window == n && !atEnd {
                            break  // a sequence cut by the chunk: keep it for the next one
                        }
                        // Not text in GB18030 (or a cut sequence at the end): mark it and step over one byte.
                        outBuf[written] = Self.invalidMarker
                        written += 1
                        consumed += 1
                    }
                }
            }
        } }
        if consumed < bytes.count { pending = Array(bytes[consumed...]) }
    }

    /// Converts what `converter` can of the start of `input`: how many bytes it read and wrote, and whether it
    /// stopped at a sequence cut off by the end of `input` (EINVAL) rather than an invalid one (EILSEQ).
    static func iconvConvert(_ converter: iconv_t?, _ input: UnsafeBufferPointer<UInt8>,
                             into output: UnsafeMutableBufferPointer<UInt8>)
        -> (consumed: Int, written: Int, incomplete: Bool) {
        guard let inBase = input.baseAddress, let outBase = output.baseAddress else { return (0, 0, false) }
        var inPtr = UnsafeMutablePointer(mutating: inBase)
        var inLeft = input.count
        var outPtr = outBase
        var outLeft = output.count
        let r = withUnsafeMutablePointer(to: &inPtr) { ip in
            ip.withMemoryRebound(to: UnsafeMutablePointer<CChar>?.self, capacity: 1) { ipc in
                withUnsafeMutablePointer(to: &outPtr) { op in
                    op.withMemoryRebound(to: UnsafeMutablePointer<CChar>?.self, capacity: 1) { opc in
                        iconv(converter, ipc, &inLeft, opc, &outLeft)
                    }
                }
            }
        }
        let incomplete = r == -1 && errno == EINVAL
        return (input.count - inLeft, output.count - outLeft, incomplete)
    }
}
