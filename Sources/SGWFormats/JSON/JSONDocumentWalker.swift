/// Walks a JSON document to its records along a `JSONRecordsPath`, one record at a time: members off the path are
/// skipped without being built, and with `*` every page of a list of pages is walked in turn. The walk is an explicit
/// stack of the arrays and objects open around the scanner, so that it can stop at each record and go on after it.
struct JSONDocumentWalker {
    /// An array or object open around the scanner.
    private enum Frame {
        /// An object whose member on the path (`name`) is being read: after it, the rest of the object is skipped.
        case member(String)
        /// An array whose element on the path (by index) is being read: after it, the rest is skipped.
        case element
        /// An array of pages (`*`), with the pages begun so far and the path step each page is read from.
        case pages(begun: Int, step: Int)
        /// The array of records, with the records begun so far.
        case records(begun: Int)
        /// The document's one record is an object at the path (a webhook's single record); done once returned.
        case single(done: Bool)
    }

    private let path: JSONRecordsPath
    private var frames: [Frame] = []
    private var started = false

    /// A walker along `path`.
    init(path: JSONRecordsPath) {
        self.path = path
    }

    /// Moves the scanner to the next record's value and returns its location, with its page when the path has `*`;
    /// nil at the end of the document. The caller reads the record's value before calling again.
    mutating func next(_ s: inout JSONScanner) throws(FormatError) -> RecordLocation? {
        if !started {
            started = true
            try descend(&s, step: 0, page: nil)
        }
        while let top = frames.last {
            switch top {
            case .single(let done):
                if !done {
                    frames[frames.count - 1] = .single(done: true)
                    return RecordLocation(.item, 1, page: page)
                }
                frames.removeLast()
            case .records(let begun):
                guard try nextElement(&s, begun: begun) else { frames.removeLast(); continue }
                frames[frames.count - 1] = .records(begun: begun + 1)
                return RecordLocation(.item, begun + 1, page: page)
            case .pages(let begun, let step):
                guard try nextElement(&s, begun: begun) else { frames.removeLast(); continue }
                frames[frames.count - 1] = .pages(begun: begun + 1, step: step)
                try descend(&s, step: step, page: begun + 1)
            case .member(let name):
                frames.removeLast()
                try skipRest(&s, closer: UInt8(ascii: "}"), member: name)
            case .element:
                frames.removeLast()
                try skipRest(&s, closer: UInt8(ascii: "]"), member: nil)
            }
        }
        if s.look() != nil { throw s.error("more follows the end of the JSON document") }
        return nil
    }

    /// The arrays and objects open around the scanner.
    var depth: Int { frames.count(where: { if case .single = $0 { false } else { true } }) }

    /// The number of the innermost page being read, when the path has `*`.
    private var page: Int? {
        for frame in frames.reversed() { if case .pages(let begun, _) = frame { return begun } }
        return nil
    }

    /// At an array's next element (true; the scanner at its value) or past its end (false).
    private func nextElement(_ s: inout JSONScanner, begun: Int) throws(FormatError) -> Bool {
        if begun > 0 {
            switch s.look() {
            case UInt8(ascii: ",")?: s.pos += 1
            case UInt8(ascii: "]")?: s.pos += 1; return false
            default: throw s.unexpected("',' or ']'")
            }
        } else if s.look() == UInt8(ascii: "]") {
            s.pos += 1
            return false
        }
        return true
    }

    /// Skips the members or elements left in the container being closed, and its `closer`. The member on the path
    /// must not come again: which of two `list`s holds the records cannot be told, and skipping one would lose its
    /// records without a word.
    private func skipRest(_ s: inout JSONScanner, closer: UInt8, member: String?) throws(FormatError) {
        while true {
            switch s.look() {
            case closer?:
                s.pos += 1
                return
            case UInt8(ascii: ",")?:
                s.pos += 1
                if closer == UInt8(ascii: "}") {
                    guard s.look() == UInt8(ascii: "\"") else { throw s.unexpected("a member name in quotes") }
                    let start = s.pos
                    let (range, escaped) = try s.scanString()
                    if let member, case .success(member) = try s.text(range, escaped: escaped) {
                        throw FormatError.structure("'\(member)' comes twice in one object on the records path "
                                          + "'\(path)'; which one holds the records cannot be told", place: s.place(start))
                    }
                    try s.consume(UInt8(ascii: ":"), "':' after a member name")
                }
                try s.skipValue(depth: depth)
            default:
                throw s.unexpected("',' or '\(String(UnicodeScalar(closer)))'")
            }
        }
    }

    /// Follows the path from `step` into the value at the scanner, pushing the frames it opens.
    private mutating func descend(_ s: inout JSONScanner, step: Int, page: Int?) throws(FormatError) {
        let opener = s.look()
        let whose = page.map { "page \($0) of the document" } ?? "the document"
        guard step < path.segments.count else {
            switch opener {
            case UInt8(ascii: "[")?: try open(&s, .records(begun: 0))
            case UInt8(ascii: "{")?: frames.append(.single(done: false))
            default:
                throw FormatError.structure("in \(whose), '\(path)' is not a record or a list of records",
                                  place: s.place(s.pos))
            }
            return
        }
        switch path.segments[step] {
        case .every:
            guard opener == UInt8(ascii: "[") else {
                throw FormatError.structure("'\(path)': \(whose) has no list of pages where '*' is",
                                  place: s.place(s.pos))
            }
            try open(&s, .pages(begun: 0, step: step + 1))
        case .name(let name):
            if opener == UInt8(ascii: "{") {
                try open(&s, .member(name))
                if s.look() != UInt8(ascii: "}") {
                    while true {
                        guard s.look() == UInt8(ascii: "\"") else { throw s.unexpected("a member name in quotes") }
                        let (range, escaped) = try s.scanString()
                        let key = try s.text(range, escaped: escaped)
                        try s.consume(UInt8(ascii: ":"), "':' after a member name")
                        if case .success(name) = key { return try descend(&s, step: step + 1, page: page) }
                        try s.skipValue(depth: depth)
                        guard s.look() == UInt8(ascii: ",") else { break }
                        s.pos += 1
                    }
                }
            } else if opener == UInt8(ascii: "["), let index = Int(name), index >= 0 {
                try open(&s, .element)
                var i = 0
                while s.look() != UInt8(ascii: "]") {
                    if i == index { return try descend(&s, step: step + 1, page: page) }
                    try s.skipValue(depth: depth)
                    i += 1
                    guard s.look() == UInt8(ascii: ",") else { break }
                    s.pos += 1
                }
            }
            throw FormatError.structure("\(whose) has nothing at '\(path)' (no '\(name)' where it is looked for)",
                              place: s.place(s.pos))
        }
    }

    /// Consumes an array's or object's opening bracket and pushes its frame, within the depth limit.
    private mutating func open(_ s: inout JSONScanner, _ frame: Frame) throws(FormatError) {
        guard depth < s.maxDepth else { throw s.tooDeep() }
        s.pos += 1
        frames.append(frame)
    }
}
