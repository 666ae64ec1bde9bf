/// A message id: a UUIDv7 (RFC 9562), so that ids sort by creation time in storage and logs.
public struct MessageID: RawRepresentable, Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The lower-case hyphenated form.
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// A new id for `milliseconds` since 1970 (now by default): 48 bits of time, version 7, 74 random bits.
    public static func make(milliseconds: UInt64? = nil) -> MessageID {
        var rng = SystemRandomNumberGenerator()
        return make(milliseconds: milliseconds ?? UInt64(Clock.nowMilliseconds()), using: &rng)
    }

    /// A new id with the given time and random source (tests pass a seeded one).
    public static func make(milliseconds ms: UInt64, using rng: inout some RandomNumberGenerator) -> MessageID {
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<6 { bytes[i] = UInt8(truncatingIfNeeded: ms >> (40 - 8 * UInt64(i))) }
        let random = rng.next() as UInt64
        let random2 = rng.next() as UInt64
        for i in 6..<16 { bytes[i] = UInt8(truncatingIfNeeded: (i < 14 ? random >> (8 * UInt64(i - 6)) : random2 >> (8 * UInt64(i - 14)))) }
        bytes[6] = 0x70 | (bytes[6] & 0x0F)  // version 7
        bytes[8] = 0x80 | (bytes[8] & 0x3F)  // variant 10
        let hex = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(36)
        for (i, b) in bytes.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { out.append(UInt8(ascii: "-")) }
            out.append(hex[Int(b >> 4)])
            out.append(hex[Int(b & 0x0F)])
        }
        return MessageID(rawValue: String(decoding: out, as: UTF8.self))
    }

    public static func < (lhs: MessageID, rhs: MessageID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Wall-clock milliseconds, in one place.
enum Clock {
    static func nowMilliseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A fast source of message ids for bulk work: SplitMix64 seeded once from the system's random source, instead of
/// a system call per id. Not for secrets; ids only need to be unique and time-ordered.
public struct MessageIDGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator seeded from the system's random source.
    public init() {
        var system = SystemRandomNumberGenerator()
        state = system.next()
    }

    /// A generator with a fixed seed (tests).
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A new id for `milliseconds` since 1970.
    public mutating func make(milliseconds: UInt64) -> MessageID { MessageID.make(milliseconds: milliseconds, using: &self) }
}
