/// Turning a string's bytes into text, for the strings a record is built of (skipped strings are only scanned past:
/// their escapes are not checked).
extension JSONScanner {
    /// Why a string is not text.
    enum StringProblem: Error {
        /// Bytes that are not UTF-8.
        case notUTF8
        /// A `\u` escape of half a surrogate pair.
        case loneSurrogate
    }

    /// The text of the string whose content is `range` (as `scanString` returned it). A bad escape is a syntax error
    /// of the document; bytes that are not UTF-8 and a lone surrogate are the record's problem (`StringProblem`).
    func text(_ range: Range<Int>, escaped: Bool) throws(FormatError) -> Result<String, StringProblem> {
        guard escaped else {
            let valid = bytes.withUnsafeBufferPointer { UTF8Check.isValid(UnsafeBufferPointer(rebasing: $0[range])) }
            return valid ? .success(String(decoding: bytes[range], as: UTF8.self)) : .failure(.notUTF8)
        }
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var i = range.lowerBound
        var problem: StringProblem?
        while i < range.upperBound {
            let b = bytes[i]
            guard b == UInt8(ascii: "\\") else {
                out.append(b)
                i += 1
                continue
            }
            guard i + 1 < range.upperBound else { throw error("a string ends in a lone backslash", at: i) }
            let e = bytes[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard let unit = hex4(at: i, end: range.upperBound) else { throw error("a \\u escape needs four hex digits", at: i - 2) }
                i += 4
                var scalar = UnicodeScalar(unit)
                if (0xD800...0xDBFF).contains(unit), i + 6 <= range.upperBound, bytes[i] == UInt8(ascii: "\\"),
                   bytes[i + 1] == UInt8(ascii: "u"), let low = hex4(at: i + 2, end: range.upperBound), (0xDC00...0xDFFF).contains(low) {
                    scalar = UnicodeScalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                    i += 6
                }
                guard let scalar else {
                    problem = .loneSurrogate
                    continue
                }
                out.append(contentsOf: String(Character(scalar)).utf8)
            default:
                throw error("'\\\(String(UnicodeScalar(e)))' is not a JSON escape", at: i - 2)
            }
        }
        if let problem { return .failure(problem) }
        let valid = out.withUnsafeBufferPointer { UTF8Check.isValid($0) }
        return valid ? .success(String(decoding: out, as: UTF8.self)) : .failure(.notUTF8)
    }

    /// The value of four hex digits at `at`, nil when they are not.
    private func hex4(at: Int, end: Int) -> UInt32? {
        guard at + 4 <= end else { return nil }
        var value: UInt32 = 0
        for b in bytes[at..<(at + 4)] {
            let digit: UInt8
            switch b {
            case 0x30...0x39: digit = b - 0x30
            case 0x41...0x46: digit = b - 0x41 + 10
            case 0x61...0x66: digit = b - 0x61 + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
