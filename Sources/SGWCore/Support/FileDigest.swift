public import Foundation
internal import Crypto

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
