/// The workbook's string table (`xl/sharedStrings.xml`): cells of type `s` hold an index into it. It is the one
/// thing the XLSX reader holds whole, so the memory it takes is bounded by `XLSXFormat.maxSharedStringsBytes` and its
/// entries by `XLSXFormat.maxSharedStrings` (the part itself is streamed, under the zip-bomb limits of every part).
enum XLSXSharedStrings {
    static let part = "xl/sharedStrings.xml"

    /// The strings of `package`, empty when it has no string table (files that write inline strings only).
    static func read(from package: XLSXPackage, format: XLSXFormat) throws(FormatError) -> [String] {
        guard package.contains(part) else { return [] }
        let handler = SharedStringsHandler(maxBytes: format.maxSharedStringsBytes, maxCount: format.maxSharedStrings)
        try package.parse(part, handler: handler)
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
    private let maxCount: Int
    private var stack: [Kind] = []
    private var current: [UInt8] = []
    private var bytes = 0
    var strings: [String] = []

    init(maxBytes: Int, maxCount: Int) {
        self.maxBytes = maxBytes
        self.maxCount = maxCount
    }

    func startElement(_ element: XMLElementStart, line: Int) throws(FormatError) {
        let parent = stack.last
        if element.hasLocalName("sst"), let declared = element.attribute("uniqueCount").flatMap({ Int($0) }), declared > maxCount {
            // Said at once when the table declares its size; the count below holds a table that does not.
            throw tooMany("declares \(declared) shared strings, more than")
        }
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
        // (50 MB of XML, 300 KB zipped) held 300 MB without a byte of text counted (found by fuzzing). A string of
        // more than 15 UTF-8 bytes is an object of its own besides, with a header of 32 bytes.
        try count(2 * MemoryLayout<String>.stride + (current.count > 15 ? 32 : 0))
        guard strings.count < maxCount else { throw tooMany("has more shared strings than") }
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
            throw .limit("the workbook's shared-string table takes more than \(maxBytes) bytes in memory (the adapter's "
                         + "max_shared_strings_bytes); split the workbook, or raise the limit if the machine has the memory",
                         place: XLSXSharedStrings.part)
        }
    }

    private func tooMany(_ what: String) -> FormatError {
        .limit("the workbook \(what) the \(maxCount) allowed (the adapter's max_shared_strings); split the "
               + "workbook, or raise the limit if the machine has the memory", place: XLSXSharedStrings.part)
    }
}
