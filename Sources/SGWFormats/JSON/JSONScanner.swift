/// The tokens of a JSON text, read in place from its bytes: strings and numbers as ranges of the bytes, values
/// skipped without being built, every error with its line and column.
///
/// Written by hand because Foundation's decoders (JSONDecoder, JSONSerialization) build the whole document before
/// anything can be looked at: a page with a 4-million-element array that no mapping reads cost its full size in
/// time and memory. Here a value no one reads is only scanned past, holding nothing but the nesting of its brackets.
/// Numbers keep their text as written (`1e400` and a 100,000-digit integer are valid JSON, and no Double holds them).
struct JSONScanner {
    /// The text.
    let bytes: [UInt8]
    /// The next byte to read.
    var pos = 0
    /// The deepest nesting of arrays and objects allowed.
    let maxDepth: Int
    /// The line of the file the text starts on (a JSON line's number), for error places.
    let firstLine: Int

    /// A scanner of `bytes`.
    init(bytes: [UInt8], maxDepth: Int, firstLine: Int = 1) {
        self.bytes = bytes
        self.maxDepth = maxDepth
        self.firstLine = firstLine
    }

    /// The next byte that is not white space, not consumed; nil at the end.
    mutating func look() -> UInt8? {
        while pos < bytes.count {
            switch bytes[pos] {
            case 0x20, 0x09, 0x0A, 0x0D: pos += 1
            default: return bytes[pos]
            }
        }
        return nil
    }

    /// Consumes `byte` (after white space), or fails naming what was expected.
    mutating func consume(_ byte: UInt8, _ what: String) throws(FormatError) {
        guard look() == byte else { throw unexpected(what) }
        pos += 1
    }

    /// A `json` error at the current position: "line 3, column 14: expected ':' after a member name, found '}'".
    func unexpected(_ expected: String) -> FormatError {
        let found = pos < bytes.count ? "'\(String(decoding: [bytes[pos]], as: UTF8.self))'" : "the end of the text"
        return error("expected \(expected), found \(found)")
    }

    /// A `json` error at `at` (default: the current position).
    func error(_ message: String, at: Int? = nil) -> FormatError {
        FormatError.json("the JSON is malformed: \(message)", place: place(at ?? pos))
    }

    /// "line L, column C" of byte `offset` (columns count bytes, 1-based).
    func place(_ offset: Int) -> String {
        var line = firstLine, lineStart = 0
        for i in 0..<min(offset, bytes.count) where bytes[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        return "line \(line), column \(offset - lineStart + 1)"
    }

    /// The depth limit as an error, at the current position.
    func tooDeep() -> FormatError {
        FormatError.limit("arrays and objects are nested more than \(maxDepth) deep", place: place(pos))
    }

    // MARK: - Values

    /// Skips one value (after white space) inside `depth` open arrays and objects, building nothing; only its
    /// brackets are kept, to check that they match.
    mutating func skipValue(depth: Int) throws(FormatError) {
        guard let first = look() else { throw unexpected("a value") }
        guard first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else { return try skipScalar() }
        var closers: [UInt8] = []
        while true {
            // At a value.
            guard let b = look() else { throw unexpected("a value") }
            if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") {
                guard depth + closers.count < maxDepth else { throw tooDeep() }
                pos += 1
                let closer = b == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if look() == closer {
                    pos += 1
                } else {
                    closers.append(closer)
                    if closer == UInt8(ascii: "}") { try skipMemberName() }
                    continue
                }
            } else {
                try skipScalar()
            }
            // After a value: the next member or element, or the end of one or more containers.
            while true {
                guard let closer = closers.last else { return }
                guard let b = look() else { throw unexpected("',' or '\(String(UnicodeScalar(closer)))'") }
                if b == UInt8(ascii: ",") {
                    pos += 1
                    if closer == UInt8(ascii: "}") { try skipMemberName() }
                    break
                }
                guard b == closer else { throw unexpected("',' or '\(String(UnicodeScalar(closer)))'") }
                pos += 1
                closers.removeLast()
            }
        }
    }

    private mutating func skipMemberName() throws(FormatError) {
        guard look() == UInt8(ascii: "\"") else { throw unexpected("a member name in quotes") }
        _ = try scanString()
        try consume(UInt8(ascii: ":"), "':' after a member name")
    }

    private mutating func skipScalar() throws(FormatError) {
        switch look() {
        case UInt8(ascii: "\"")?: _ = try scanString()
        case UInt8(ascii: "t")?, UInt8(ascii: "f")?, UInt8(ascii: "n")?: _ = try scanLiteral()
        default: _ = try scanNumber()
        }
    }

    /// A string's content (between its quotes, escapes not yet decoded) and whether it has any escape; the scanner
    /// is at its opening quote.
    mutating func scanString() throws(FormatError) -> (range: Range<Int>, escaped: Bool) {
        let start = pos
        pos += 1
        var escaped = false
        while pos < bytes.count {
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") {
                pos += 1
                return (start + 1..<pos - 1, escaped)
            }
            if b == UInt8(ascii: "\\") {
                escaped = true
                pos += 2
                continue
            }
            if b < 0x20 { throw error("a string holds a control character (byte \(b)); write it as an escape") }
            pos += 1
        }
        throw error("a string opened here is never closed", at: start)
    }

    /// A number's text, checked against JSON's grammar (`-`, digits without leading zeros, a fraction, an exponent).
    mutating func scanNumber() throws(FormatError) -> Range<Int> {
        let start = pos
        func digits() -> Int {
            let from = pos
            while pos < bytes.count && bytes[pos] >= 0x30 && bytes[pos] <= 0x39 { pos += 1 }
            return pos - from
        }
        if pos < bytes.count && bytes[pos] == UInt8(ascii: "-") { pos += 1 }
        let integer = pos
        guard digits() > 0 else { pos = start; throw unexpected("a value") }
        if bytes[integer] == 0x30 && pos - integer > 1 { throw error("a number has a leading zero", at: start) }
        if pos < bytes.count && bytes[pos] == UInt8(ascii: ".") {
            pos += 1
            guard digits() > 0 else { throw error("a number's fraction has no digits", at: start) }
        }
        if pos < bytes.count && (bytes[pos] | 0x20) == UInt8(ascii: "e") {
            pos += 1
            if pos < bytes.count && (bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-")) { pos += 1 }
            guard digits() > 0 else { throw error("a number's exponent has no digits", at: start) }
        }
        return start..<pos
    }

    /// `true`, `false` or `null` (nil).
    mutating func scanLiteral() throws(FormatError) -> Bool? {
        for (word, value) in [("true", true as Bool?), ("false", false), ("null", nil)] where bytes[pos...].starts(with: word.utf8) {
            pos += word.utf8.count
            return value
        }
        throw unexpected("a value")
    }
}
