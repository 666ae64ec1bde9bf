/// Builds one record from the JSON object at a scanner's position: nested members as dotted names (`xdr.mc`), array
/// elements by index (`list.0`), numbers as written, `null` as nil. Members no mapping reads (`JSONFormat.fields`) are
/// skipped without being built; what is built is held to the format's limits, and a record over one, or with text
/// that is not UTF-8, is unreadable while the document goes on. A syntax error ends the document (it is thrown).
struct JSONRecordBuilder {
    private let format: JSONFormat
    /// Every name the mapping reads and each of its leading parts (`xdr`, `xdr.mc`): a member is built when its name
    /// is one of them. nil builds everything.
    private let wanted: Set<String>?
    private var names: [String] = []
    private var values: [String?] = []
    private var problem: (code: String, message: String)?

    /// A builder for `format`.
    init(format: JSONFormat) {
        self.format = format
        wanted = format.fields.map { fields in
            var all = Set<String>()
            for field in fields {
                var prefix = ""
                for part in field.split(separator: ".", omittingEmptySubsequences: false) {
                    prefix = prefix.isEmpty ? String(part) : prefix + "." + part
                    all.insert(prefix)
                }
            }
            return all
        }
    }

    /// The record whose value starts at the scanner's position, inside `depth` open arrays and objects; the scanner is
    /// left after the value.
    mutating func record(_ scanner: inout JSONScanner, depth: Int, location: RecordLocation) throws(FormatError) -> ReadResult {
        let start = scanner.pos
        guard scanner.look() == UInt8(ascii: "{") else {
            try scanner.skipValue(depth: depth)
            return .unreadable(UnreadableRecord(location: location, code: "malformed", message: "the record is not a JSON object",
                                                raw: raw(scanner, from: start)))
        }
        names.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        problem = nil
        try value(&scanner, name: "", depth: depth)
        if let problem {
            return .unreadable(UnreadableRecord(location: location, code: problem.code, message: problem.message,
                                                raw: raw(scanner, from: start)))
        }
        return .record(RawRecord(names: FieldNames(names), values: values, location: location))
    }

    /// The record's bytes for a rejects file, up to the value limit.
    private func raw(_ scanner: JSONScanner, from start: Int) -> [UInt8] {
        Array(scanner.bytes[start..<min(scanner.pos, start + format.maxValueBytes)])
    }

    private func builds(_ name: String) -> Bool { problem == nil && (wanted?.contains(name) ?? true) }

    private mutating func fail(_ code: String, _ message: String) {
        if problem == nil { problem = (code, message) }
    }

    private mutating func value(_ s: inout JSONScanner, name: String, depth: Int) throws(FormatError) {
        guard let b = s.look() else { throw s.unexpected("a value") }
        switch b {
        case UInt8(ascii: "{"):
            guard depth < s.maxDepth else { throw s.tooDeep() }
            s.pos += 1
            try object(&s, name: name, depth: depth + 1)
        case UInt8(ascii: "["):
            guard depth < s.maxDepth else { throw s.tooDeep() }
            s.pos += 1
            var index = 0
            if s.look() == UInt8(ascii: "]") { s.pos += 1; return }
            while true {
                let element = name.isEmpty ? String(index) : name + "." + String(index)
                index += 1
                if index > format.maxElements { fail("too-large", "the array '\(name)' has more than \(format.maxElements) elements") }
                if builds(element) { try value(&s, name: element, depth: depth + 1) } else { try s.skipValue(depth: depth + 1) }
                guard try next(&s, closer: UInt8(ascii: "]")) else { return }
            }
        case UInt8(ascii: "\""):
            let (range, escaped) = try s.scanString()
            guard range.count <= format.maxValueBytes else {
                return fail("too-large", "the value of '\(name)' is longer than \(format.maxValueBytes) bytes")
            }
            switch try s.text(range, escaped: escaped) {
            case .success(let text): append(name, text)
            case .failure(.notUTF8): fail("encoding", "the value of '\(name)' is not UTF-8 text")
            case .failure(.loneSurrogate): fail("malformed", "the value of '\(name)' has a \\u escape of half a surrogate pair")
            }
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            let literal = try s.scanLiteral()
            append(name, literal.map { $0 ? "true" : "false" })
        default:
            let range = try s.scanNumber()
            guard range.count <= format.maxValueBytes else {
                return fail("too-large", "the number '\(name)' is longer than \(format.maxValueBytes) bytes")
            }
            append(name, String(decoding: s.bytes[range], as: UTF8.self))
        }
    }

    /// The members of an object whose `{` was read.
    private mutating func object(_ s: inout JSONScanner, name: String, depth: Int) throws(FormatError) {
        if s.look() == UInt8(ascii: "}") { s.pos += 1; return }
        var keys: [String] = []
        var keySet: Set<String> = []
        var members = 0
        while true {
            guard s.look() == UInt8(ascii: "\"") else { throw s.unexpected("a member name in quotes") }
            let keyStart = s.pos
            let (range, escaped) = try s.scanString()
            guard case .success(let key) = try s.text(range, escaped: escaped) else {
                throw s.error("a member name is not UTF-8 text", at: keyStart)
            }
            try s.consume(UInt8(ascii: ":"), "':' after a member name")
            members += 1
            if members > format.maxMembers { fail("too-large", "the object '\(name)' has more than \(format.maxMembers) members") }
            let member = name.isEmpty ? key : name + "." + key
            // A key twice in one object: both are built when wanted, so the record's field names show the duplicate
            // (a mapping that reads it rejects the record); an unwanted one is named twice with no value, to be warned of.
            // A few keys are compared one by one; more, through a set.
            let duplicate: Bool
            if keys.count < 32 {
                duplicate = keys.contains(key)
                keys.append(key)
            } else {
                if keySet.isEmpty { keySet = Set(keys) }
                duplicate = !keySet.insert(key).inserted
            }
            if builds(member) {
                try value(&s, name: member, depth: depth)
            } else {
                if duplicate && problem == nil { names += [member, member]; values += [nil, nil] }
                try s.skipValue(depth: depth)
            }
            guard try next(&s, closer: UInt8(ascii: "}")) else { return }
        }
    }

    /// After a member or element: true at a `,` (consumed), false at `closer` (consumed).
    private func next(_ s: inout JSONScanner, closer: UInt8) throws(FormatError) -> Bool {
        switch s.look() {
        case UInt8(ascii: ",")?: s.pos += 1; return true
        case closer?: s.pos += 1; return false
        default: throw s.unexpected("',' or '\(String(UnicodeScalar(closer)))'")
        }
    }

    private mutating func append(_ name: String, _ value: String?) {
        guard format.fields?.contains(name) ?? true else { return }
        names.append(name)
        values.append(value)
    }
}
