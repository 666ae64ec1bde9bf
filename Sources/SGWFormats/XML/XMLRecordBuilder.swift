import DequeModule

/// Turns SAX events into records: each element at the record path becomes one `RawRecord`, its descendants and
/// attributes the fields. Completed records wait in `ready` until the reader takes them.
///
/// Field names: a child element by its tag (`SXMC`), a deeper one by its path inside the record (`ADDR.CITY`), an
/// attribute as `@name` on the record element and `CHILD.@name` below it; a name seen again in the same record gets
/// `.1`, `.2` (`PHONE`, `PHONE.1`). An element with child elements is a field of its own only when it also has
/// text. Values are the element's own text, trimmed; an empty element gives "".
final class XMLRecordBuilder: XMLSAXHandler {
    /// An open element inside the record being built.
    private struct Frame {
        /// The field path (empty for the record element itself).
        var path: String
        /// The element's position in `names`/`values`; -1 for the record element.
        var slot: Int
        /// Where the element's own text starts in `text`.
        var textStart: Int
        var hasChildren = false
    }

    /// Up to this many fields, a record's names are scanned for duplicates rather than hashed.
    private static let scanLimit = 32

    private let path: [String]
    private let maxRecordBytes: Int
    /// The depth of the current element (root 1) and how many of its leading ancestors match `path`.
    private var depth = 0
    private var matched = 0
    /// The open elements of the record being built, outermost (the record element) first; empty between records.
    private var frames: [Frame] = []
    /// The text of the open elements, innermost last: a child's text is dropped from the end when it closes, so a
    /// parent's own text (before and after its children) is what remains after its start. One buffer for all.
    private var text: [UInt8] = []
    private var names: [String] = []
    /// nil marks a parent element that turned out to have no text of its own (dropped when the record ends).
    private var values: [String?] = []
    /// How many times each repeated element path has come so far in the record (paths seen once are not here).
    private var repeats: [String: Int] = [:]
    /// The element paths of the record, for the duplicate check; a set once a record has many fields.
    private var paths: Set<String> = []
    private var recordBytes = 0
    private var recordLine = 0
    /// Records begun so far.
    private(set) var recordCount = 0
    /// The root element's qualified name, once seen: a record path that matches nothing names it.
    private(set) var rootName: String?
    /// The previous record's names, reused while records have the same fields (the usual case).
    private var lastNames: FieldNames?
    private var ready = Deque<RawRecord>()

    /// A builder of records at `path` (element names from the root; empty: the root element is the one record).
    init(path: [String], maxRecordBytes: Int) {
        self.path = path
        self.maxRecordBytes = maxRecordBytes
    }

    /// The oldest completed record not yet taken.
    func take() -> RawRecord? { ready.popFirst() }

    func startElement(_ element: XMLElementStart, line: Int) throws(FormatError) {
        depth += 1
        if depth == 1 && rootName == nil { rootName = element.qualifiedName }
        guard !frames.isEmpty else {
            if matched == depth - 1, depth <= path.count, element.qualifiedName == path[depth - 1] { matched = depth }
            if matched == path.count, depth == max(path.count, 1) { try beginRecord(element, line: line) }
            return
        }
        let parent = frames.count - 1
        frames[parent].hasChildren = true
        let base = frames[parent].path.isEmpty ? element.qualifiedName : frames[parent].path + "." + element.qualifiedName
        let fieldPath = unique(base)
        frames.append(Frame(path: fieldPath, slot: names.count, textStart: text.count))
        try add(fieldPath, nil)
        try element.forEachAttribute { (name, value) throws(FormatError) in try add(fieldPath + ".@" + name, value) }
    }

    func endElement() throws(FormatError) {
        if frames.count > 1 {
            let frame = frames.removeLast()
            let value = XMLText.trimmed(text[frame.textStart...])
            text.removeSubrange(frame.textStart...)
            if !frame.hasChildren || !value.isEmpty { values[frame.slot] = value }
            depth -= 1
            return
        }
        if frames.count == 1 { finishRecord() }
        if matched == depth { matched -= 1 }
        depth -= 1
    }

    func text(_ bytes: UnsafeBufferPointer<UInt8>) throws(FormatError) {
        // Text between records and the record element's own text (indentation) are not fields.
        guard frames.count > 1 else { return }
        try count(bytes.count)
        text.append(contentsOf: bytes)
    }

    private func beginRecord(_ element: XMLElementStart, line: Int) throws(FormatError) {
        recordCount += 1
        recordLine = line
        recordBytes = 0
        names.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        repeats.removeAll(keepingCapacity: true)
        paths.removeAll(keepingCapacity: true)
        text.removeAll(keepingCapacity: true)
        frames.removeAll(keepingCapacity: true)
        frames.append(Frame(path: "", slot: -1, textStart: 0))
        try element.forEachAttribute { (name, value) throws(FormatError) in try add("@" + name, value) }
    }

    private func finishRecord() {
        var kept: [String] = []
        var keptValues: [String?] = []
        kept.reserveCapacity(names.count)
        keptValues.reserveCapacity(names.count)
        for (name, value) in zip(names, values) where value != nil {
            kept.append(name)
            keptValues.append(value)
        }
        let fieldNames = lastNames.flatMap { $0.names == kept ? $0 : nil } ?? FieldNames(kept)
        lastNames = fieldNames
        frames.removeAll(keepingCapacity: true)
        ready.append(RawRecord(names: fieldNames, values: keptValues,
                               location: RecordLocation(.element, recordCount, line: recordLine)))
    }

    /// `base`, or `base.1`, `base.2` when the record already has it (element names cannot start with a digit, so a
    /// suffix never meets a real child's name).
    private func unique(_ base: String) -> String {
        // Most records have a few dozen fields, all different: a scan of the names beats hashing every path. Past
        // that, a set keeps a record of many fields from costing the square of their number.
        let known: Bool
        if names.count <= Self.scanLimit {
            known = names.contains(base)
        } else {
            if paths.isEmpty { paths = Set(names) }
            known = !paths.insert(base).inserted
        }
        guard known else { return base }
        let times = repeats[base, default: 1]
        repeats[base] = times + 1
        let path = base + "." + String(times)
        if !paths.isEmpty { paths.insert(path) }
        return path
    }

    private func add(_ name: String, _ value: String?) throws(FormatError) {
        try count(name.utf8.count + (value?.utf8.count ?? 0))
        if !paths.isEmpty { paths.insert(name) }
        names.append(name)
        values.append(value)
    }

    /// Counts bytes against the record's limit: a record is held whole, so its size is what bounds memory.
    private func count(_ bytes: Int) throws(FormatError) {
        recordBytes += bytes
        guard recordBytes <= maxRecordBytes else {
            throw .limit("element \(recordCount) (a record) holds more than \(maxRecordBytes) bytes of text",
                         place: "line \(recordLine)")
        }
    }
}
