/// Looks at the bytes before an XML document's root element for a `<!DOCTYPE`, before libxml2 sees any of them.
///
/// A DTD is how XML attacks come in (external entities that read local files or the network, billion-laughs
/// expansion), and no source sgw reads needs one, so a document that has one is refused outright rather than
/// parsed with entities disabled. The SAX handlers refuse DTD events too; this scan is the first line.
///
/// The scan understands just enough of a prolog to skip what may come before the root: whitespace, a byte order
/// mark, the XML declaration and other processing instructions, and comments (a `<!DOCTYPE` inside a comment is
/// not one). NUL bytes are skipped, so that the ASCII markup of a UTF-16 document is seen too. The encodings sgw
/// reads (UTF-8, GBK, GB18030) never use the bytes of `<`, `>`, `?`, `!` or `-` inside a multi-byte character.
enum XMLPrologScanner {
    /// What the bytes read so far show.
    enum Outcome: Equatable {
        /// The prolog goes on past the bytes given.
        case needMore
        /// The root element (or something that is not prolog, which libxml2 will report) starts.
        case body
        /// A document type declaration starts, on this 1-based line.
        case doctype(line: Int)
    }

    /// Scans `bytes`, the start of a document.
    static func scan(_ bytes: [UInt8]) -> Outcome {
        var scanner = Cursor(bytes: bytes)
        while let byte = scanner.next() {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF, 0xFE, 0xFF:
                continue  // whitespace and byte order marks (UTF-8 EF BB BF, UTF-16 FE FF / FF FE)
            case UInt8(ascii: "<"):
                let line = scanner.line
                guard let marker = scanner.next() else { return .needMore }
                if marker == UInt8(ascii: "?") {
                    guard scanner.skip(past: "?>") else { return .needMore }
                } else if marker == UInt8(ascii: "!") {
                    guard let opener = scanner.take(2) else { return .needMore }
                    if opener == Array("--".utf8) {
                        guard scanner.skip(past: "-->") else { return .needMore }
                    } else {
                        guard let rest = scanner.take(5) else { return .needMore }
                        let word = (opener + rest).map(uppercased)
                        return word == Array("DOCTYPE".utf8) ? .doctype(line: line) : .body
                    }
                } else {
                    return .body
                }
            default:
                return .body
            }
        }
        return .needMore
    }

    private static func uppercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) ? byte - 32 : byte
    }

    /// A position in the bytes that skips NULs and counts lines.
    private struct Cursor {
        let bytes: [UInt8]
        var index = 0
        var line = 1

        mutating func next() -> UInt8? {
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if byte == 0 { continue }
                if byte == 0x0A { line += 1 }
                return byte
            }
            return nil
        }

        /// The next `count` non-NUL bytes, nil when there are fewer.
        mutating func take(_ count: Int) -> [UInt8]? {
            var out: [UInt8] = []
            while out.count < count {
                guard let byte = next() else { return nil }
                out.append(byte)
            }
            return out
        }

        /// Moves past the next occurrence of `terminator`; false when the bytes end first.
        mutating func skip(past terminator: StaticString) -> Bool {
            let pattern = Array(UnsafeBufferPointer(start: terminator.utf8Start, count: terminator.utf8CodeUnitCount))
            var matched = 0
            while let byte = next() {
                if byte == pattern[matched] {
                    matched += 1
                    if matched == pattern.count { return true }
                } else {
                    // Fall back to the longest partial match that still ends here ("--->" ends a comment).
                    let seen = Array(pattern[0..<matched]) + [byte]
                    matched = (0..<seen.count).reversed().first { n in
                        n > 0 && Array(seen.suffix(n)) == Array(pattern.prefix(n))
                    } ?? 0
                }
            }
            return false
        }
    }
}
