#if canImport(Glibc)
import Glibc
#endif

/// Writes CSV that Excel opens: fields quoted when they hold a delimiter, quote or line break, CRLF line ends,
/// in UTF-8 with a BOM or in GBK/GB18030 (through iconv, like the reader). Used for rejects files that the sending
/// department opens, fixes and sends again, and offline packages' records: every field is defused against formulas
/// (`SpreadsheetCell`).
public struct CSVWriter {
    private var bytes: [UInt8] = []
    private let delimiter: UInt8
    private let encoding: TextEncoding

    /// A writer; `auto` writes UTF-8 with a BOM.
    public init(delimiter: UInt8 = UInt8(ascii: ","), encoding: TextEncoding) {
        self.delimiter = delimiter
        self.encoding = encoding
        if encoding == .utf8BOM || encoding == .auto { bytes = [0xEF, 0xBB, 0xBF] }
    }

    /// Appends one row, each field defused against formulas (`SpreadsheetCell.defused`).
    public mutating func row(_ fields: [String]) {
        for (i, f) in fields.enumerated() {
            if i > 0 { bytes.append(delimiter) }
            Self.append(field: SpreadsheetCell.defused(f).utf8, delimiter: delimiter, to: &bytes)
        }
        bytes.append(contentsOf: [0x0D, 0x0A])
    }

    /// Appends one row of typed cells: numbers as they are, text defused as in `row(_:)`.
    public mutating func row(_ values: [SpreadsheetValue]) {
        for (i, v) in values.enumerated() {
            if i > 0 { bytes.append(delimiter) }
            if case .number(let n) = v { bytes.append(contentsOf: String(n).utf8); continue }
            Self.append(field: SpreadsheetCell.defused(v.text).utf8, delimiter: delimiter, to: &bytes)
        }
        bytes.append(contentsOf: [0x0D, 0x0A])
    }

    /// Appends one field's UTF-8, quoted (quotes doubled) when it holds the delimiter, a quote or a line break.
    static func append(field: some Collection<UInt8>, delimiter: UInt8, to out: inout [UInt8]) {
        guard field.contains(where: { $0 == delimiter || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
            out.append(contentsOf: field)
            return
        }
        out.append(0x22)
        for b in field {
            if b == 0x22 { out.append(0x22) }
            out.append(b)
        }
        out.append(0x22)
    }

    /// The rows written since the last call, in the file's encoding, and forgets them (rows end in CRLF, so
    /// every chunk ends on a whole character).
    public mutating func take() -> [UInt8] {
        let out = encoded()
        bytes.removeAll(keepingCapacity: true)
        return out
    }

    /// The file's bytes in its encoding. A GBK file gets GBK only: a character GBK cannot hold (a GB18030-only one
    /// such as 䶮 or 𪚥, read from a "GBK" file that was GB18030 in fact) is written as `{U+4DAE}`, which any reader
    /// of the file sees and can turn back, instead of GB18030 bytes that a GBK program shows as two wrong characters.
    /// In GB18030, which holds every character, the same escape is only a guard.
    public func encoded() -> [UInt8] {
        guard encoding == .gbk || encoding == .gb18030 else { return bytes }
        let cd = iconv_open(encoding == .gbk ? "GBK" : "GB18030", "UTF-8")
        guard cd != iconv_t(bitPattern: -1) else { return bytes }
        defer { iconv_close(cd) }
        // An escape is at most 10 bytes for a 4-byte character; a GBK character is 2 bytes for 3 of UTF-8.
        var output = [UInt8](repeating: 0, count: bytes.count * 3 + 16)
        var input = bytes
        var inLeft = input.count, outLeft = output.count
        input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                while inLeft > 0 {
                    if iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1 { break }
                    guard errno == EILSEQ || errno == EINVAL, outLeft > 0 else { break }
                    // The character iconv cannot write: its code point, escaped, in its place.
                    var length = 1
                    while length < inLeft && (UInt8(bitPattern: inPtr![length]) & 0xC0) == 0x80 { length += 1 }
                    let scalar = String(decoding: UnsafeBufferPointer(start: UnsafeRawPointer(inPtr!).assumingMemoryBound(to: UInt8.self),
                                                                      count: length), as: UTF8.self).unicodeScalars.first
                    let escape = Array(("{U+" + String(scalar?.value ?? 0xFFFD, radix: 16, uppercase: true) + "}").utf8)
                    for byte in escape.prefix(outLeft) {
                        outPtr!.pointee = CChar(bitPattern: byte)
                        outPtr = outPtr! + 1
                        outLeft -= 1
                    }
                    inPtr = inPtr! + length
                    inLeft -= length
                }
            }
        }
        return Array(output[0..<(output.count - outLeft)])
    }
}
