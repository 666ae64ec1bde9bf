#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// GB18030's two-byte sequences (lead 0x81–0xFE, trail 0x40–0xFE but 0x7F) as UTF-8, read once from the C library's
/// own converter, so that the table holds exactly what iconv would produce and no hand-copied mapping.
///
/// Each entry packs two or three UTF-8 bytes (first byte lowest) and their count in the top byte; 0 is a pair left to
/// iconv at run time: one it does not decode, or (were there any) one whose character needs four bytes.
final class GB18030Table: Sendable {
    static let shared = GB18030Table()

    let entries: [UInt32]

    /// The entry of a lead and trail byte, nil when they cannot form a two-byte sequence.
    @inline(__always)
    static func index(lead: UInt8, trail: UInt8) -> Int? {
        guard lead >= 0x81 && lead <= 0xFE && trail >= 0x40 && trail <= 0xFE && trail != 0x7F else { return nil }
        return Int(lead - 0x81) * 191 + Int(trail - 0x40)
    }

    private init() {
        var entries = [UInt32](repeating: 0, count: 126 * 191)
        let cd = iconv_open("UTF-8", "GB18030")
        if cd != iconv_t(bitPattern: -1) {
            defer { iconv_close(cd) }
            var pair: [UInt8] = [0, 0]
            var out: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0]
            for lead in UInt8(0x81)...0xFE {
                for trail in UInt8(0x40)...0xFE where trail != 0x7F {
                    pair[0] = lead
                    pair[1] = trail
                    let step = pair.withUnsafeBufferPointer { p in
                        out.withUnsafeMutableBufferPointer { o in UTF8Transcoder.iconvConvert(cd, p, into: o) }
                    }
                    let valid = out.withUnsafeBufferPointer {
                        UTF8Check.isValid(UnsafeBufferPointer(rebasing: $0[..<step.written]))
                    }
                    // Anything else (not decoded, or not one BMP character) is left to iconv at run time.
                    guard step.consumed == 2, (2...3).contains(step.written), valid else { continue }
                    var e = UInt32(step.written) << 24
                    for k in 0..<step.written { e |= UInt32(out[k]) << (8 * UInt32(k)) }
                    entries[Self.index(lead: lead, trail: trail)!] = e
                }
            }
        }
        self.entries = entries
    }
}
