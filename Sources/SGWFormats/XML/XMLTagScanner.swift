/// A byte-level look at every tag before libxml2 parses it, holding attributes per element and bytes per tag to
/// their limits.
///
/// Why before: libxml2 2.9 checks each new attribute of a tag against all the earlier ones, so a tag of 160,000
/// attributes costs time quadratic in their number inside one `xmlParseChunk` call, and no SAX callback comes until
/// the tag is whole. The scanner keeps its state between chunks (a tag may be split anywhere), skips quoted
/// attribute values (which may hold `>`), comments, CDATA sections and processing instructions, and counts an
/// attribute at each `=` outside quotes in a tag, which each attribute has exactly once.
struct XMLTagScanner {
    /// The limits.
    struct Limits: Sendable, Hashable {
        /// The most attributes one element may have (namespace declarations included).
        var maxAttributes: Int
        /// The most bytes of one tag, from `<` to `>`.
        var maxTagBytes: Int

        /// Real tags have a few attributes (an XLSX cell three, a root element a dozen namespace declarations).
        static let standard = Limits(maxAttributes: 256, maxTagBytes: 1 << 20)
    }

    private enum State {
        /// Between tags.
        case text
        /// After `<`.
        case open
        /// After `<!`, with the bytes since, to tell a comment or CDATA section from a declaration.
        case bang
        /// Inside a tag, outside quotes.
        case tag
        /// Inside a quoted attribute value.
        case quoted(UInt8)
        /// Inside a comment, with the dashes just seen.
        case comment(Int)
        /// Inside a CDATA section, with the `]` just seen.
        case cdata(Int)
        /// Inside a processing instruction, after a `?` or not.
        case instruction(Bool)
    }

    private let limits: Limits
    private var state = State.text
    private var bang: [UInt8] = []
    private var attributes = 0
    private var tagBytes = 0
    /// The line being scanned, 1-based, and the line the current tag started on.
    private var line = 1
    private var tagLine = 1

    init(limits: Limits) {
        self.limits = limits
    }

    /// Scans the next bytes of the document; a `limit` error names the line of the tag over a limit.
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, place: (Int) -> String) throws(FormatError) {
        let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">"), lf = UInt8(ascii: "\n")
        var i = 0
        let n = bytes.count
        while i < n {
            if case .text = state {
                // Between tags only `<` matters (and line feeds, for the place): a tight loop.
                while i < n && bytes[i] != lt {
                    if bytes[i] == lf { line += 1 }
                    i += 1
                }
                guard i < n else { return }
                i += 1
                state = .open
                continue
            }
            let b = bytes[i]
            i += 1
            if b == lf { line += 1 }
            switch state {
            case .text:
                break
            case .open:
                tagLine = line
                tagBytes = 2
                attributes = 0
                switch b {
                case UInt8(ascii: "!"): state = .bang; bang.removeAll(keepingCapacity: true)
                case UInt8(ascii: "?"): state = .instruction(false)
                case gt: state = .text
                default: state = .tag
                }
            case .bang:
                bang.append(b)
                if bang == Array("--".utf8) {
                    state = .comment(0)
                } else if bang == Array("[CDATA[".utf8) {
                    state = .cdata(0)
                } else if !Array("--".utf8).starts(with: bang) && !Array("[CDATA[".utf8).starts(with: bang) {
                    // A declaration (`<!DOCTYPE`, refused later anyway): scanned as a tag.
                    state = b == gt ? .text : .tag
                    tagBytes += bang.count
                }
            case .tag:
                tagBytes += 1
                switch b {
                case gt: state = .text
                case UInt8(ascii: "\""), UInt8(ascii: "'"): state = .quoted(b)
                case UInt8(ascii: "="):
                    attributes += 1
                    if attributes > limits.maxAttributes {
                        throw .limit("an element has more than \(limits.maxAttributes) attributes", place: place(tagLine))
                    }
                default: break
                }
                if tagBytes > limits.maxTagBytes {
                    throw .limit("a tag is longer than \(limits.maxTagBytes) bytes", place: place(tagLine))
                }
            case .quoted(let q):
                tagBytes += 1
                if b == q { state = .tag }
                if tagBytes > limits.maxTagBytes {
                    throw .limit("a tag is longer than \(limits.maxTagBytes) bytes", place: place(tagLine))
                }
            case .comment(let dashes):
                state = b == gt && dashes >= 2 ? .text : .comment(b == UInt8(ascii: "-") ? dashes + 1 : 0)
            case .cdata(let brackets):
                state = b == gt && brackets >= 2 ? .text : .cdata(b == UInt8(ascii: "]") ? brackets + 1 : 0)
            case .instruction(let question):
                state = b == gt && question ? .text : .instruction(b == UInt8(ascii: "?"))
            }
        }
    }
}
