public import Foundation

/// Writes compact JSON with keys in sorted order, byte for byte what `JSONEncoder` with `.sortedKeys` and
/// `.withoutEscapingSlashes` writes for sgw's messages (a test pins that), at a fraction of JSONEncoder's cost, which
/// would dominate mapping a file (docs/benchmarks.md). Callers write keys in sorted order themselves.
public struct JSONWriter {
    /// The bytes written so far.
    public var bytes: [UInt8] = []
    private var needsComma = false
    /// The last value written by `shared(_:_:)` into `bytes`, and where its JSON lies in them. Code that empties or
    /// replaces `bytes` replaces this with them (`reset()`; `MessageLines` swaps both in and out).
    public var lastShared: SharedValue?

    /// A value written into a writer's bytes that another value of the same bytes may share (`shared(_:_:)`): the
    /// object that is its identity, held so that its address cannot be another's, and where its JSON lies.
    public struct SharedValue: Sendable {
        let identity: any AnyObject & Sendable
        let range: Range<Int>
    }

    /// An empty writer.
    public init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    /// Empties the writer for new JSON, keeping its storage.
    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        needsComma = false
        lastShared = nil
    }

    /// `{`
    public mutating func open() {
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    /// `}`
    public mutating func close() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// `"key":`, after a comma when needed.
    public mutating func key(_ key: StaticString) {
        let comma = needsComma
        needsComma = true
        key.withUTF8Buffer { name in
            append(atMost: name.count + 4) { Self.write(key: name, comma: comma, at: $0) }
        }
    }

    /// Writes `"name":`, after a comma when `comma`, at `out`; returns how many bytes (at most `name.count + 4`).
    @inline(__always)
    private static func write(key name: UnsafeBufferPointer<UInt8>, comma: Bool, at out: UnsafeMutablePointer<UInt8>) -> Int {
        var i = 0
        if comma {
            out[0] = UInt8(ascii: ",")
            i = 1
        }
        out[i] = UInt8(ascii: "\"")
        (out + i + 1).initialize(from: name.baseAddress!, count: name.count)
        i += name.count + 1
        out[i] = UInt8(ascii: "\"")
        out[i + 1] = UInt8(ascii: ":")
        return i + 2
    }

    /// Appends what `write` puts at the pointer it is given, at most `count` bytes, returning how many it wrote: one
    /// capacity check for a piece of several parts, where an `Array.append` per quote, comma and name would check the
    /// array's uniqueness and capacity each time.
    @inline(__always)
    private mutating func append(atMost count: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Int) {
        bytes.append(addingCapacity: count) { span in
            span.withUnsafeMutableBufferPointer { buffer, initialized in
                initialized = write(buffer.baseAddress!)
            }
        }
    }

    /// A string member; nothing when nil.
    public mutating func string(_ key: StaticString, _ value: String?) {
        guard let value else { return }
        // Key and value in one piece when the value needs no escape (nearly always): a message has some twenty
        // members, and each piece is a check of the array's uniqueness and capacity.
        if value.utf8.withContiguousStorageIfAvailable({ member(key, plain: $0) }) == true { return }
        self.key(key)
        string(value)
    }

    /// A string member whose value is `first` and `second` joined, written without joining them first.
    public mutating func string(_ key: StaticString, _ first: String, _ second: String) {
        if first.isEmpty { return string(key, second) }
        let plain = first.utf8.withContiguousStorageIfAvailable { a in
            second.utf8.withContiguousStorageIfAvailable { b in member(key, plain: a, b) }
        }
        if plain == true { return }
        self.key(key)
        string(first + second)
    }

    /// `"key":"value"` (the value `utf8` and then `more`), after a comma when needed, in one piece; false (and nothing
    /// written) when the value needs an escape.
    @inline(__always)
    private mutating func member(_ key: StaticString, plain utf8: UnsafeBufferPointer<UInt8>,
                                 _ more: UnsafeBufferPointer<UInt8> = UnsafeBufferPointer(start: nil, count: 0)) -> Bool {
        guard !Self.needsEscape(utf8) && !Self.needsEscape(more) else { return false }
        let comma = needsComma
        needsComma = true
        key.withUTF8Buffer { name in
            append(atMost: name.count + utf8.count + more.count + 6) { out in
                var i = Self.write(key: name, comma: comma, at: out)
                out[i] = UInt8(ascii: "\"")
                i += 1
                if let base = utf8.baseAddress { (out + i).initialize(from: base, count: utf8.count) }
                i += utf8.count
                if let base = more.baseAddress { (out + i).initialize(from: base, count: more.count) }
                i += more.count
                out[i] = UInt8(ascii: "\"")
                return i + 1
            }
        }
        return true
    }

    /// A string value.
    public mutating func string(_ value: String) {
        // A native string's bytes are read where they are; `withUTF8` needs a mutable copy (one retain and release
        // for every string written). It is the fallback for a string without contiguous UTF-8.
        if value.utf8.withContiguousStorageIfAvailable({ string(utf8: $0) }) != nil { return }
        var value = value
        value.withUTF8 { string(utf8: $0) }
    }

    /// A string value from its UTF-8.
    private mutating func string(utf8: UnsafeBufferPointer<UInt8>) {
        // Most values need no escape: one look at eight bytes at a time, then one copy with the quotes.
        guard Self.needsEscape(utf8) else {
            append(atMost: utf8.count + 2) { out in
                out[0] = UInt8(ascii: "\"")
                if let base = utf8.baseAddress { (out + 1).initialize(from: base, count: utf8.count) }
                out[utf8.count + 1] = UInt8(ascii: "\"")
                return utf8.count + 2
            }
            return
        }
        bytes.append(UInt8(ascii: "\""))
        var start = 0
        for i in 0..<utf8.count {
            let b = utf8[i]
            guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else { continue }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
            switch b {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x08: bytes.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            default:
                bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, ContentHash.hexDigit(b >> 4), ContentHash.hexDigit(b & 0xF)])
            }
            start = i + 1
        }
        // Rebased: appending a slice of a buffer pointer takes the generic element-by-element path.
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<utf8.count]))
        bytes.append(UInt8(ascii: "\""))
    }

    /// Whether `utf8` holds a byte JSON must escape: a control character, `"` or `\`. Eight bytes at a time
    /// (`ByteWord`, exact for whether such a byte exists), the three tests of a word combined and two words to a
    /// step, so that each step takes one branch: almost no text needs escaping, and the scan runs over every string
    /// of every message.
    static func needsEscape(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        if let base = utf8.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 16 <= utf8.count {
                let a = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let b = raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                if escapeBits(a) | escapeBits(b) != 0 { return true }
                i += 16
            }
            if i + 8 <= utf8.count {
                if escapeBits(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) != 0 { return true }
                i += 8
            }
        }
        while i < utf8.count {
            let b = utf8[i]
            if b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { return true }
            i += 1
        }
        return false
    }

    /// Non-zero when a byte of `w` is below 0x20, `"` (0x22) or `\` (0x5C).
    @inline(__always)
    private static func escapeBits(_ w: UInt64) -> UInt64 {
        ByteWord.below(w, 0x20) | ByteWord.equal(w, UInt8(ascii: "\"")) | ByteWord.equal(w, UInt8(ascii: "\\"))
    }

    /// The content hash (`ContentHash.sha256`) of the bytes written at `range`, as a string value: a line's body
    /// hashed where it lies and its hash written in place, with no array or string of their own.
    public mutating func contentHash(ofBytes range: Range<Int>) {
        let digest = bytes.withUnsafeBytes { ContentHash.digest(of: UnsafeRawBufferPointer(rebasing: $0[range])) }
        asciiString(count: ContentHash.sha256TextCount) { ContentHash.write(digest, at: $0) }
    }

    /// A string value of `count` bytes of ASCII that needs no escape (a hash, an id), which `write` writes in place.
    mutating func asciiString(count: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Void) {
        append(atMost: count + 2) { out in
            out[0] = UInt8(ascii: "\"")
            write(out + 1)
            out[count + 1] = UInt8(ascii: "\"")
            return count + 2
        }
    }

    /// A date member as `YYYY-MM-DD`; nothing when nil.
    public mutating func date(_ key: StaticString, _ value: LocalDate?) {
        guard let value else { return }
        self.key(key)
        guard value.hasFourDigitYear else {
            // A year of more than four digits, or before year 0: the general path.
            bytes.append(UInt8(ascii: "\""))
            value.appendISO(to: &bytes)
            bytes.append(UInt8(ascii: "\""))
            return
        }
        // Every message holds several dates: the quoted date goes in with one capacity check.
        append(atMost: 12) { out in
            out[0] = UInt8(ascii: "\"")
            value.writeISO(at: out + 1)
            out[11] = UInt8(ascii: "\"")
            return 12
        }
    }

    /// An instant member as `Instant.formatUTC` writes it.
    public mutating func instant(_ key: StaticString, _ value: Date) {
        self.key(key)
        bytes.append(UInt8(ascii: "\""))
        Instant.appendUTC(value, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// An integer member.
    public mutating func int(_ key: StaticString, _ value: Int) {
        self.key(key)
        ASCIIDigits.append(value, width: 1, to: &bytes)
    }

    /// A list of strings; nothing when nil.
    public mutating func strings(_ key: StaticString, _ values: [String]?) {
        guard let values else { return }
        self.key(key)
        bytes.append(UInt8(ascii: "["))
        for (i, v) in values.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            string(v)
        }
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// An object member; nothing when nil.
    public mutating func object(_ key: StaticString, _ value: (some JSONWritable)?) {
        guard let value else { return }
        self.key(key)
        value.write(to: &self)
    }

    /// A list of objects; nothing when nil.
    public mutating func objects(_ key: StaticString, _ values: [some JSONWritable]?) {
        guard let values else { return }
        self.key(key)
        bytes.append(UInt8(ascii: "["))
        for (i, v) in values.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            v.write(to: &self)
        }
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes, with `write`, the value whose identity is `identity` (an immutable object that holds the value), or
    /// copies its JSON when it is the value written last by this method into the same bytes. A 双公示 record derived
    /// from an approval shares the approval's counterparty, and `MessageLines` writes both into one buffer, so the
    /// second is a copy of bytes instead of the same JSON written again.
    public mutating func shared(_ identity: any AnyObject & Sendable, _ write: (inout JSONWriter) -> Void) {
        if let last = lastShared, last.identity === identity, last.range.upperBound <= bytes.count {
            // Through a buffer on the stack: a slice of `bytes` appended to `bytes` would share its storage, and the
            // append copy all of it first.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: last.range.count) { copy in
                bytes.withUnsafeBufferPointer { _ = copy.initialize(fromContentsOf: UnsafeBufferPointer(rebasing: $0[last.range])) }
                bytes.append(contentsOf: UnsafeBufferPointer(copy))
            }
            needsComma = true
            return
        }
        let start = bytes.count
        write(&self)
        lastShared = SharedValue(identity: identity, range: start..<bytes.count)
    }

    /// Raw JSON bytes as a member's value.
    public mutating func raw(_ key: StaticString, _ json: [UInt8]) {
        self.key(key)
        append(json)
    }

    /// Appends `json` from its storage: an array appended as a sequence was retained and released.
    @inline(__always)
    private mutating func append(_ json: [UInt8]) {
        json.withUnsafeBufferPointer { bytes.append(contentsOf: $0) }
    }

    /// The bytes `write` puts after a member of an object, written apart to be inserted with `append(fragment:)`
    /// (parts shared by many lines, written once). The first key `write` puts gets its comma.
    public static func fragment(_ write: (inout JSONWriter) -> Void) -> [UInt8] {
        var w = JSONWriter(capacity: 256)
        w.needsComma = true
        write(&w)
        return w.bytes
    }

    /// Appends a fragment made by `fragment(_:)`, which ends after a member or a closed object: the next key gets
    /// its comma.
    public mutating func append(fragment: [UInt8]) {
        append(fragment)
        needsComma = true
    }
}

/// A type that writes its own canonical JSON.
public protocol JSONWritable {
    /// Writes the value as one JSON object.
    func write(to writer: inout JSONWriter)
}

extension JSONWritable {
    /// The value's canonical JSON: keys sorted, no white space, dates as `YYYY-MM-DD`. (For a `CanonicalMessage`
    /// that is its whole line, as `jsonBytes()` writes it; its body's JSON is `canonicalBody`.)
    public func canonicalJSON() -> [UInt8] {
        var w = JSONWriter()
        write(to: &w)
        return w.bytes
    }
}
