/// A start tag as libxml2's SAX2 `startElementNs` reports it: names and attributes as pointers into the parser's
/// buffers, so that a handler that only compares names (the XLSX sheet reader, millions of `<c>`) makes no `String`.
struct XMLElementStart {
    /// The local name, NUL-terminated.
    let localName: UnsafePointer<UInt8>
    /// The namespace prefix, NUL-terminated, nil when the name has none.
    let prefix: UnsafePointer<UInt8>?
    /// libxml2's attribute array: five pointers per attribute (local name, prefix, URI, value start, value end).
    let attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
    /// The number of attributes (defaulted ones included; there are none without a DTD).
    let attributeCount: Int

    /// Whether the local name is `name` (ASCII, compared byte by byte).
    func hasLocalName(_ name: StaticString) -> Bool { Self.equal(localName, name) }

    /// The qualified name as written: `prefix:local` or `local`.
    var qualifiedName: String { Self.qualified(prefix, localName) }

    /// The value of the attribute whose local name is `name` (whatever its prefix), nil when absent.
    func attribute(_ name: StaticString) -> String? {
        for i in 0..<attributeCount {
            guard let local = attributes?[i * 5], Self.equal(local, name) else { continue }
            return attributeValue(at: i)
        }
        return nil
    }

    /// Calls `body` with each attribute's qualified name and value, in document order.
    func forEachAttribute(_ body: (String, String) throws(FormatError) -> Void) throws(FormatError) {
        for i in 0..<attributeCount {
            guard let local = attributes?[i * 5] else { continue }
            try body(Self.qualified(attributes?[i * 5 + 1], local), attributeValue(at: i))
        }
    }

    /// The value of attribute `i`: libxml2 gives a start and an end pointer, not a NUL-terminated string. Character
    /// references and the predefined entities are already replaced, except that without entity substitution
    /// (`XML_PARSE_NOENT`, which sgw never sets) libxml2 writes an ampersand (`&amp;`, `&#38;`) back as `&#38;`
    /// for a tree builder to re-read. A raw `&` cannot appear in a parsed value otherwise, so `&#38;` is always one.
    private func attributeValue(at i: Int) -> String {
        guard let start = attributes?[i * 5 + 3], let end = attributes?[i * 5 + 4] else { return "" }
        let bytes = UnsafeBufferPointer(start: start, count: end - start)
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        let escaped = Array("&#38;".utf8)
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "&"), bytes.count - index >= escaped.count,
               bytes[index..<(index + escaped.count)].elementsEqual(escaped) {
                out.append(UInt8(ascii: "&"))
                index += escaped.count
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func qualified(_ prefix: UnsafePointer<UInt8>?, _ local: UnsafePointer<UInt8>) -> String {
        let name = String(cString: local)
        guard let prefix else { return name }
        return String(cString: prefix) + ":" + name
    }

    private static func equal(_ cString: UnsafePointer<UInt8>, _ name: StaticString) -> Bool {
        let count = name.utf8CodeUnitCount
        let bytes = name.utf8Start
        for i in 0..<count where cString[i] != bytes[i] { return false }  // a shorter C string stops at its NUL
        return cString[count] == 0
    }
}
