/// The values a bulk command answers: its arguments, or, for a lone `-`, each line of standard input.
enum Queries {
    /// A query: its text, or why the line could not be read.
    struct Query {
        var text: String
        /// Set when the line was too long to keep whole.
        var tooLong: Int?
    }

    /// Calls `body` for each query, in order.
    static func forEach(_ arguments: [String], _ body: (Query) -> Void) {
        guard arguments == ["-"] else {
            for a in arguments { body(Query(text: a)) }
            return
        }
        var reader = LineReader(fileDescriptor: 0)
        while let line = reader.next() {
            body(Query(text: String(decoding: line.bytes, as: UTF8.self), tooLong: line.isTruncated ? line.length : nil))
        }
    }
}
