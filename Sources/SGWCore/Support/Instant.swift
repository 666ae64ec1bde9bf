public import Foundation

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
