/// What the CSV reader says about a row it cannot read, and a header it cannot decode.
extension CSVReader {
    /// "lines 4–500 were read as one row: …" for a record whose quoted field ran over line ends, else "".
    static func swallowed(_ location: RecordLocation) -> String {
        guard let first = location.line, let last = location.lastLine else { return "" }
        return "a quoted field of this row runs over line ends, so lines \(first)–\(last) were read as one row "
            + "(a stray quote?); "
    }

    /// What to do about a header that is not text in the adapter's `encoding`: when the file's first line (in `head`,
    /// its first bytes as read) is valid UTF-8, the adapter's GBK is what is wrong.
    static func headerEncodingHint(encoding: TextEncoding, head: [UInt8]?) -> String {
        if encoding == .gbk || encoding == .gb18030, let head {
            let firstLine = Array(head.prefix { $0 != 0x0A && $0 != 0x0D })
            // The kept head may end inside a character: up to 3 bytes less may make it whole.
            let valid = (0...min(3, firstLine.count)).contains { cut in
                firstLine.dropLast(cut).withUnsafeBufferPointer { UTF8Check.isValid($0) }
            }
            if firstLine.contains(where: { $0 >= 0x80 }), valid {
                return "it is valid UTF-8: set the adapter's encoding to utf-8 (or auto)"
            }
        }
        return "if the file was saved as GBK (Excel's \"ANSI\"), set the adapter's encoding to gbk or auto"
    }
}
