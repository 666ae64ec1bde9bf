/// Strings of text sgw writes itself and knows to be ASCII (hex digests, ids, dates).
enum ASCIIText {
    /// The string of the `count` bytes `write` puts at the pointer it is given, all ASCII. Made from a buffer on the
    /// stack without validating the bytes as UTF-8: `String(unsafeUninitializedCapacity:)` validates what was written,
    /// and every mapped message makes two such strings (its content hash and its id).
    static func make(count: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Void) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { buffer in
            write(buffer.baseAddress!)
            let bytes = UnsafeBufferPointer(buffer)
            precondition(bytes.allSatisfy { $0 < 0x80 }, "ASCIIText.make wrote a byte that is not ASCII")
            return String(copying: UTF8Span(unchecked: bytes.span, isKnownASCII: true))
        }
    }
}
