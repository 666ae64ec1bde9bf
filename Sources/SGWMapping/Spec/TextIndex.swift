import Foundation

/// A list of texts looked up by their exact UTF-8 bytes, for code tables and `any_of` conditions. Swift compares and
/// hashes non-ASCII strings by canonical equivalence, normalizing them for every code table lookup and `any_of`
/// comparison of Chinese words. Equal bytes are canonically equal,
/// so an exact match is the one `==` finds. Text of ASCII and CJK ideographs only is its own canonical decomposition,
/// so between two such texts different bytes mean different texts too; anything else is left to `==`.
struct TextIndex: Sendable {
    /// The texts' UTF-8, sorted, with each one's position in the list given.
    private let keys: [(utf8: [UInt8], position: Int)]
    private let texts: [String]
    private let allPlain: Bool

    init(_ texts: [String]) {
        self.texts = texts
        keys = texts.enumerated().map { (Array($1.utf8), $0) }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        allPlain = texts.allSatisfy(Self.isPlain)
    }

    /// The position in the list of a text equal to `text` as `==` compares them, nil when there is none.
    func position(of text: String) -> Int? {
        enum Lookup { case found(Int), absent, undecided }
        // Looked for on the string's own bytes; with none contiguous (a bridged string), by `==`.
        let lookup = text.utf8.withContiguousStorageIfAvailable { bytes -> Lookup in
            if let exact = exactPosition(of: bytes) { return .found(exact) }
            return allPlain && Self.isPlain(bytes) ? .absent : .undecided
        } ?? .undecided
        switch lookup {
        case .found(let position): return position
        case .absent: return nil
        case .undecided: return texts.firstIndex(of: text)
        }
    }

    /// The position of the text whose UTF-8 is exactly `bytes`, by binary search.
    private func exactPosition(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var low = 0, high = keys.count
        while low < high {
            let mid = (low + high) / 2
            let order = Self.compare(keys[mid].utf8, bytes)
            if order == 0 { return keys[mid].position }
            if order < 0 { low = mid + 1 } else { high = mid }
        }
        return nil
    }

    /// Negative, zero or positive as `a` sorts before, with or after `b`, byte by byte (a prefix first).
    private static func compare(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>) -> Int {
        a.withUnsafeBufferPointer { a in
            let common = min(a.count, b.count)
            if common > 0, let pa = a.baseAddress, let pb = b.baseAddress {
                let order = memcmp(pa, pb, common)
                if order != 0 { return Int(order) }
            }
            return a.count - b.count
        }
    }

    /// Whether `text` holds only ASCII and CJK ideographs of U+3400–U+9FFF (Extension A and the unified block, with
    /// the hexagram symbols between them): none of these decomposes or combines, so the text is its own canonical
    /// decomposition.
    static func isPlain(_ text: String) -> Bool {
        var text = text
        return text.withUTF8(isPlain)
    }

    static func isPlain(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < utf8.count {
            let b = utf8[i]
            if b < 0x80 {
                i += 1
                continue
            }
            guard i + 2 < utf8.count else { return false }
            switch b {
            case 0xE3 where utf8[i + 1] >= 0x90, 0xE4...0xE9: i += 3
            default: return false
            }
        }
        return true
    }
}
