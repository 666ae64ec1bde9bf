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

    /// Appends `value` zero-padded to at least `width` digits.
    static func append(_ value: Int, width: Int, to out: inout [UInt8]) {
        var v = value
        if v < 0 {
            out.append(UInt8(ascii: "-"))
            v = -v
        }
        var digits = [UInt8]()
        repeat {
            digits.append(UInt8(0x30 + v % 10))
            v /= 10
        } while v > 0
        if digits.count < width { out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digits.count)) }
        out.append(contentsOf: digits.reversed())
    }
}
