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
        let random = rng.next() as UInt64
        let random2 = rng.next() as UInt64
        return MessageID(Bits(milliseconds: ms, randA: random & 0xFFF, randB: random2 & (1 << 62 - 1)))
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
///
/// Ids from one generator increase even within one millisecond (RFC 9562 §6.2, method 2: the 74 random bits
/// are a counter that starts at a random value each millisecond and counts up by one). An import stamps all its
/// messages with the same time, and with purely random bits every index on the id (the message key, history,
/// deliveries and deadlines by message) would take each insert at a random place: once those indexes outgrow the page
/// cache, every insert reads and rewrites a random page, and the cost per row grows with the store. Each mapping
/// thread has its own generator, so an import's ids are a few interleaved runs, not file order.
public struct MessageIDGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64
    private var lastMilliseconds: UInt64?
    /// The 74 bits after the time and version: 12 (rand_a) and 62 (rand_b).
    private var high: UInt64 = 0
    private var low: UInt64 = 0

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

    /// A new id for `milliseconds` since 1970, greater than the previous one from this generator. A clock that
    /// goes back keeps counting on the last millisecond seen, so that order holds.
    public mutating func make(milliseconds: UInt64) -> MessageID {
        MessageID(bits(milliseconds: milliseconds))
    }

    /// `make(milliseconds:)`'s id as its bits, its text not yet written: `sgw map` writes it straight into the line.
    public mutating func bits(milliseconds: UInt64) -> MessageID.Bits {
        if let last = lastMilliseconds, milliseconds <= last {
            low += 1
            if low >> 62 != 0 {  // at least 2^61 ids in one millisecond: carry into rand_a
                low = 0
                high = (high + 1) & 0xFFF
            }
        } else {
            lastMilliseconds = milliseconds
            high = next() & 0xFFF
            low = next() & (1 << 61 - 1)  // the top bit of rand_b clear: room to count up
        }
        return MessageID.Bits(milliseconds: lastMilliseconds!, randA: high, randB: low)
    }
}

extension MessageID {
    /// The 128 bits of an id, `high` then `low`.
    public struct Bits: Sendable, Hashable {
        let high: UInt64
        let low: UInt64

        init(high: UInt64, low: UInt64) { (self.high, self.low) = (high, low) }

        /// The bits of the given time and 74 bits: version 7, variant 10.
        init(milliseconds ms: UInt64, randA: UInt64, randB: UInt64) {
            self.init(high: ms << 16 | 0x7000 | randA & 0xFFF, low: 0x8000_0000_0000_0000 | randB & 0x3FFF_FFFF_FFFF_FFFF)
        }

        /// The length of the id's text.
        static let textCount = 36

        /// Writes the lower-case hyphenated form, `textCount` bytes, at `base`, with no array in between: every mapped
        /// message gets an id. The 32 digits are written eight at a time (`ContentHash.writeHex`), then the hyphens put in.
        func write(at base: UnsafeMutablePointer<UInt8>) {
            let raw = UnsafeMutableRawPointer(base)
            // The 32 digits at offset 4, eight from each 32 bits in text order (`writeHex` takes bytes as they lie
            // in memory, the first in the low bits: the most significant byte first is the byte-swapped value).
            func digits(_ bits: UInt64, at offset: Int) {
                ContentHash.writeHex(ofFour: UInt32(truncatingIfNeeded: bits).byteSwapped.littleEndian, at: base + offset)
            }
            digits(high >> 32, at: 4)
            digits(high, at: 12)
            digits(low >> 32, at: 20)
            digits(low, at: 28)
            // xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx: each run moved left into place (copyMemory is a memmove), the
            // last twelve digits already are.
            raw.copyMemory(from: base + 4, byteCount: 8)
            base[8] = UInt8(ascii: "-")
            (raw + 9).copyMemory(from: base + 12, byteCount: 4)
            base[13] = UInt8(ascii: "-")
            (raw + 14).copyMemory(from: base + 16, byteCount: 4)
            base[18] = UInt8(ascii: "-")
            (raw + 19).copyMemory(from: base + 20, byteCount: 4)
            base[23] = UInt8(ascii: "-")
        }
    }

    /// The id of `bits`.
    public init(_ bits: Bits) {
        self.init(rawValue: ASCIIText.make(count: Bits.textCount) { bits.write(at: $0) })
    }
}
