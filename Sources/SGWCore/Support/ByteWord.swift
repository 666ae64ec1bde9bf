/// Tests on eight bytes at once, a `UInt64` loaded from a buffer, after "Bit Twiddling Hacks": each returns the word
/// with the high bit set in the bytes that pass (the JSON escape scan and the CSV field scan use them). The lowest
/// flagged byte is exact; a byte above it may be flagged falsely (a borrow runs upward), so a caller asks only
/// whether any byte passes or which is the first.
public enum ByteWord {
    /// The high bits of the bytes of `w` equal to `byte`.
    @inlinable @inline(__always)
    public static func equal(_ w: UInt64, _ byte: UInt8) -> UInt64 {
        let x = w ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
    }

    /// The high bits of the bytes of `w` below `bound` (at most 0x80).
    @inlinable @inline(__always)
    public static func below(_ w: UInt64, _ bound: UInt8) -> UInt64 {
        (w &- 0x0101_0101_0101_0101 &* UInt64(bound)) & ~w & 0x8080_8080_8080_8080
    }
}
