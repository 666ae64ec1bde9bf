/// The workbook's string table (`xl/sharedStrings.xml`): cells of type `s` hold an index into it. It is the one
/// thing the XLSX reader holds whole, so it is bounded by `XLSXFormat.maxSharedStringsBytes` twice over: the part's
/// inflated size and the text kept.
enum XLSXSharedStrings {
    static let part = "xl/sharedStrings.xml"

    /// The strings of `package`, empty when it has no string table (files that write inline strings only).
    static func read(from package: XLSXPackage, format: XLSXFormat) throws(FormatError) -> [String] {
        guard package.contains(part) else { return [] }
        let handler = SharedStringsHandler(maxBytes: format.maxSharedStringsBytes)
        try package.parse(part, limit: format.maxSharedStringsBytes, handler: handler)
        return handler.strings
    }
}

/// Collects each `<si>`: its `<t>`, or the `<t>` of each rich-text run `<r>` concatenated. The phonetic guides
/// (`<rPh><t>`, furigana) are not part of the value and are skipped.
private final class SharedStringsHandler: XMLSAXHandler {
    private enum Kind {
        case item, run, text, other
    }

    private let maxBytes: Int
    private var stack: [Kind] = []
    private var current: [UInt8] = []
    private var bytes = 0
    var strings: [String] = []

    init(maxBytes: Int) {
        self.maxBytes = maxBytes
    }

    func startElement(_ element: XMLElementStart, line: Int) throws(FormatError) {
        let parent = stack.last
        if element.hasLocalName("si") {
            current.removeAll(keepingCapacity: true)
            stack.append(.item)
        } else if element.hasLocalName("r"), parent == .item {
            stack.append(.run)
        } else if element.hasLocalName("t"), parent == .item || parent == .run {
            stack.append(.text)
        } else {
            stack.append(.other)
        }
    }

    func endElement() throws(FormatError) {
        guard stack.popLast() == .item else { return }
        // Each entry costs its slot in the table too, twice over while the array grows: 10 million empty `<si/>`
        // (50 MB of XML, 300 KB zipped) held 300 MB without a byte of text counted (found by fuzzing).
        try count(2 * MemoryLayout<String>.stride)
        strings.append(String(decoding: current, as: UTF8.self))
    }

    func text(_ text: UnsafeBufferPointer<UInt8>) throws(FormatError) {
        guard stack.last == .text else { return }
        try count(text.count)
        current.append(contentsOf: text)
    }

    private func count(_ more: Int) throws(FormatError) {
        bytes += more
        guard bytes <= maxBytes else {
            throw .limit("the shared strings hold more than \(maxBytes) bytes", place: XLSXSharedStrings.part)
        }
    }
}
