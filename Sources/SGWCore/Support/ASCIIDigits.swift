/// Byte-level digit parsing and printing for the formats sgw reads and writes in bulk (dates, codes).
/// Foundation's formatters are slow on Linux and locale-dependent; these are neither.
public enum ASCIIDigits {
    /// Whether `byte` is an ASCII digit 0-9.
    @inlinable public static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// The value of a run of ASCII digits, or nil if any byte is not a digit or the run is empty.
    static func parse(_ bytes: some Collection<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    /// Writes `value` (0 ≤ value < 10^count) as exactly `count` digits, zero-padded, at `out`: for text written
    /// in place, a piece of known length at a time.
    @inline(__always)
    static func write(_ value: Int, digits count: Int, at out: UnsafeMutablePointer<UInt8>) {
        var v = value
        for i in stride(from: count - 1, through: 0, by: -1) {
            out[i] = 0x30 &+ UInt8(truncatingIfNeeded: v % 10)
            v /= 10
        }
    }

    /// Appends `value` zero-padded to at least `width` digits (at most 20). Written right to left into a buffer on
    /// the stack and appended at once: dates and times are written several times per message.
    static func append(_ value: Int, width: Int, to out: inout [UInt8]) {
        assert(width <= 20, "a width of \(width) digits is more than an Int has")
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var v = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var i = 20
            repeat {
                i -= 1
                buffer[i] = 0x30 &+ UInt8(truncatingIfNeeded: v % 10)
                v /= 10
            } while v > 0
            while 20 - i < min(width, 20) {
                i -= 1
                buffer[i] = UInt8(ascii: "0")
            }
            out.append(contentsOf: UnsafeMutableBufferPointer(rebasing: buffer[i..<20]))
        }
    }
}
