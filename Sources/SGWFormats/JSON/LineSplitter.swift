/// Splits a byte source into lines with bounded memory (a longer line keeps its first `maxLineBytes`).
struct LineSplitter {
    struct Line {
        var bytes: ArraySlice<UInt8>
        var number: Int
        var truncated: Bool
    }

    let source: ByteSource
    let maxLineBytes: Int
    private var buffer: [UInt8] = []
    private var position = 0
    private var number = 0
    private var atEnd = false

    init(source: ByteSource, maxLineBytes: Int) {
        self.source = source
        self.maxLineBytes = maxLineBytes
    }

    mutating func next() throws(FormatError) -> Line? {
        var line: [UInt8] = []
        var truncated = false
        while true {
            if position >= buffer.count {
                if atEnd { break }
                try source.read(into: &buffer)
                position = 0
                if buffer.isEmpty { atEnd = true; break }
                if number == 0 && line.isEmpty && buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
            }
            if let nl = buffer[position...].firstIndex(of: 0x0A) {
                take(buffer[position..<nl], into: &line, truncated: &truncated)
                position = nl + 1
                number += 1
                return Line(bytes: trimCR(line), number: number, truncated: truncated)
            }
            take(buffer[position...], into: &line, truncated: &truncated)
            position = buffer.count
        }
        guard !line.isEmpty else { return nil }
        number += 1
        return Line(bytes: trimCR(line), number: number, truncated: truncated)
    }

    private func take(_ chunk: ArraySlice<UInt8>, into line: inout [UInt8], truncated: inout Bool) {
        let room = maxLineBytes - line.count
        if chunk.count > room { truncated = true }
        if room > 0 { line.append(contentsOf: chunk.prefix(room)) }
    }

    private func trimCR(_ line: [UInt8]) -> ArraySlice<UInt8> {
        line.last == 0x0D ? line.dropLast() : line[...]
    }
}
