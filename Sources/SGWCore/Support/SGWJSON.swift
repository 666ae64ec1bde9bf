public import Foundation
internal import Crypto

/// The JSON form of sgw's messages, in one place: sorted keys, instants as ISO 8601 UTC with milliseconds.
public enum SGWJSON {
    /// For hashing and storage: compact, keys sorted.
    public static var canonicalEncoder: JSONEncoder { encoder(pretty: false) }

    /// An encoder; `pretty` indents for people.
    public static func encoder(pretty: Bool) -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(Instant.formatUTC(date))
        }
        return e
    }

    /// A decoder for the same form.
    public static var decoder: JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .custom { decoder in
            let c = try decoder.singleValueContainer()
            let text = try c.decode(String.self)
            guard let date = ShanghaiTime.parseInstant(text) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "'\(text)' is not an ISO 8601 instant")
            }
            return date
        }
        return d
    }
}

/// Instants as sgw writes them in JSON.
public enum Instant {
    /// `2026-11-23T06:55:00.123Z`.
    public static func formatUTC(_ date: Date) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(24)
        appendUTC(date, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `formatUTC(date)`'s bytes (those of `ShanghaiTime.utcTimestamp`): every envelope written carries one,
    /// so the usual case (a year of four digits) is written in place, 24 bytes at once.
    static func appendUTC(_ date: Date, to out: inout [UInt8]) {
        let ms = Int((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = ms.floorDiv(1000)
        let day = LocalDate(dayNumber: seconds.floorDiv(86_400))
        let sod = seconds - seconds.floorDiv(86_400) * 86_400
        let fraction = ms - seconds * 1000
        guard day.hasFourDigitYear else {
            // A year beyond 0…9999 (a typing error kept as it came): written by the general formatter.
            out.append(contentsOf: ShanghaiTime.utcTimestamp(date).utf8)
            return
        }
        out.append(addingCapacity: 24) { span in
            span.withUnsafeMutableBufferPointer { buffer, initialized in
                let p = buffer.baseAddress!
                day.writeISO(at: p)
                p[10] = UInt8(ascii: "T")
                ASCIIDigits.write(sod / 3600, digits: 2, at: p + 11)
                p[13] = UInt8(ascii: ":")
                ASCIIDigits.write(sod / 60 % 60, digits: 2, at: p + 14)
                p[16] = UInt8(ascii: ":")
                ASCIIDigits.write(sod % 60, digits: 2, at: p + 17)
                p[19] = UInt8(ascii: ".")
                ASCIIDigits.write(fraction, digits: 3, at: p + 20)
                p[23] = UInt8(ascii: "Z")
                initialized = 24
            }
        }
    }
}

/// Content hashes of message bodies.
public enum ContentHash {
    /// `sha256:` and the lower-case hex digest of `data`.
    public static func sha256(_ data: some DataProtocol) -> String {
        // Every mapped message is hashed: contiguous bytes go to the hasher at once (its DataProtocol path walks
        // regions generically), and the text is written in place instead of through temporary arrays.
        let digest = data.withContiguousStorageIfAvailable { Self.digest(of: UnsafeRawBufferPointer($0)) } ?? SHA256.hash(data: data)
        return ASCIIText.make(count: sha256TextCount) { write(digest, at: $0) }
    }

    /// The length of `sha256(_:)`'s text.
    static let sha256TextCount = 7 + SHA256.byteCount * 2

    /// The SHA-256 digest of `bytes`.
    static func digest(of bytes: UnsafeRawBufferPointer) -> SHA256.Digest {
        var hasher = SHA256()
        hasher.update(bufferPointer: bytes)
        return hasher.finalize()
    }

    /// Writes the text of `sha256(_:)` for `digest`, `sha256TextCount` bytes, at `out`.
    static func write(_ digest: SHA256.Digest, at out: UnsafeMutablePointer<UInt8>) {
        var i = 0
        let prefix: StaticString = "sha256:"
        prefix.withUTF8Buffer { for b in $0 { out[i] = b; i += 1 } }
        digest.withUnsafeBytes { bytes in
            for group in stride(from: 0, to: bytes.count, by: 4) {
                writeHex(ofFour: bytes.loadUnaligned(fromByteOffset: group, as: UInt32.self), at: out + i)
                i += 8
            }
        }
    }

    /// The lower-case hex digit of 0…15.
    static func hexDigit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 + nibble : 0x57 + nibble }

    /// Writes the eight lower-case hex digits of four bytes, `fourBytes` loaded from memory as they lie (the first
    /// byte in the low bits), in one store: each nibble spread to a byte of a word, then `0`–`9` or `a`–`f` added to
    /// all eight at once. Every mapped message has a 64-digit hash and a 32-digit id, written eight digits a step
    /// rather than one.
    @inline(__always)
    static func writeHex(ofFour fourBytes: UInt32, at out: UnsafeMutablePointer<UInt8>) {
        var x = UInt64(UInt32(littleEndian: fourBytes))
        x = (x | x << 16) & 0x0000_FFFF_0000_FFFF
        x = (x | x << 8) & 0x00FF_00FF_00FF_00FF  // byte k in the low half of 16-bit lane k
        let nibbles = (x >> 4) & 0x000F_000F_000F_000F | (x & 0x000F_000F_000F_000F) << 8
        let letters = ((nibbles &+ 0x0606_0606_0606_0606) >> 4) & 0x0101_0101_0101_0101  // 1 where 10…15
        let text = nibbles &+ 0x3030_3030_3030_3030 &+ letters &* 0x27
        UnsafeMutableRawPointer(out).storeBytes(of: text.littleEndian, as: UInt64.self)
    }
}

/// File digests, read in chunks so that a file of any size is hashed in bounded memory.
public enum FileDigest {
    /// The hex SHA-256 and the size of the file at `path`.
    public static func sha256(path: String) throws -> (hex: String, size: Int64) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        var size: Int64 = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            size += Int64(chunk.count)
        }
        return (hex(Array(hasher.finalize())), size)
    }

    /// The hex SHA-256 of bytes in memory (a webhook's body, a polled page), as `sha256(path:)` gives a file's.
    public static func sha256(bytes: [UInt8]) -> String { hex(Array(SHA256.hash(data: bytes))) }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
