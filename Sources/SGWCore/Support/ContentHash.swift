public import Foundation
internal import Crypto

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
    /// all eight at once. Every mapped message has a 64-digit hash and a 32-digit id, so they are written eight digits
    /// at a time rather than one (docs/benchmarks.md, Mapping).
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
