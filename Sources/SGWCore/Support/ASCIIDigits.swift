/// Byte-level digit parsing and printing for the formats sgw reads and writes in bulk (dates, codes).
/// Foundation's formatters are slow on Linux and locale-dependent; these are neither.
enum ASCIIDigits {
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

    /// Appends `value` zero-padded to at least `width` digits. Writes in place, without a temporary array: dates
    /// and times are written several times per message.
    static func append(_ value: Int, width: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        let v = value.magnitude
        var count = 1
        var rest = v / 10
        while rest > 0 {
            count += 1
            rest /= 10
        }
        for _ in count..<max(count, width) { out.append(UInt8(ascii: "0")) }
        let start = out.count
        out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: count))
        var r = v
        var i = start + count - 1
        while i >= start {
            out[i] = UInt8(truncatingIfNeeded: 0x30 &+ r % 10)
            r /= 10
            i -= 1
        }
    }
}
