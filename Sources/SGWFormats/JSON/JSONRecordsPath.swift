/// Where the records of a JSON document are, as an adapter's `records:` writes it: names separated by dots, each the
/// member of an object (or, all digits, the index of an array's element), and `*` for every element of an array.
///
/// `data.list` is the list in one API page; `*.data.list` the lists of every page when the document is an array of
/// pages (a dump of a paged API); empty, the document itself. Anything else (`[*]`, `$.data`, `a..b`) is refused with
/// the forms there are, so that `sgw check` reports a path that could never match instead of a file that reads nothing.
public struct JSONRecordsPath: Sendable, Hashable, CustomStringConvertible {
    /// One step of the path.
    public enum Segment: Sendable, Hashable {
        /// The member of this name (or the element at this index, when the name is all digits).
        case name(String)
        /// Every element of an array: each is a page, and its number is kept in the records' locations.
        case every
    }

    /// The steps, outermost first.
    public var segments: [Segment]

    /// The path as written.
    public var description: String {
        segments.map { if case .name(let n) = $0 { n } else { "*" } }.joined(separator: ".")
    }

    /// Parses `text`; the error says what is wrong and which forms there are.
    public init(_ text: String) throws(FormatError) {
        segments = []
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else { return }
        let forms = "write member names and * separated by dots: data.list, *.data.list (a list of pages), or nothing "
            + "when the document is the list itself"
        for part in trimmed.split(separator: ".", omittingEmptySubsequences: false) {
            if part == "*" {
                segments.append(.every)
                continue
            }
            guard !part.isEmpty else { throw FormatError.structure("records path '\(text)' has an empty step; " + forms) }
            if let bad = part.first(where: { "[]*$?()'\"\\ ".contains($0) }) {
                throw FormatError.structure("records path '\(text)' has '\(bad)', which it does not understand; " + forms)
            }
            segments.append(.name(String(part)))
        }
    }
}

extension String {
    /// Without leading and trailing spaces.
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
