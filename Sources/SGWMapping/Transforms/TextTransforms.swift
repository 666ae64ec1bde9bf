import Foundation
import SGWCore

/// A transform made from a closure, for the simple ones.
struct ClosureTransform: Transform {
    let body: @Sendable (consuming String?) throws(TransformFailure) -> String?
    func apply(_ value: consuming String?) throws(TransformFailure) -> String? { try body(value) }
}

/// Transforms on text: trimming, width, case, separators, regular expressions, defaults.
enum TextTransforms {
    static let trim: TransformFactory = { _, _ in ClosureTransform { map($0, trimmed) } }
    static let upper: TransformFactory = { _, _ in ClosureTransform { map($0) { mapASCII($0) { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 } } } }
    static let lower: TransformFactory = { _, _ in ClosureTransform { map($0) { mapASCII($0) { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 } } } }
    static let halfwidth: TransformFactory = { _, _ in ClosureTransform { map($0, toHalfwidth) } }

    /// `value.map(f)`, the value moved into `f`: `Optional.map` lends it, and `f` returning it unchanged retained it.
    @inline(__always)
    static func map(_ value: consuming String?, _ f: (consuming String) -> String) -> String? {
        switch consume value {
        case .some(let text): f(text)
        case .none: nil
        }
    }

    static let stripSeparators: TransformFactory = { _, _ in
        ClosureTransform { value in
            map(value) { text in
                // Most values have nothing to remove and are returned as they are; the rest are rebuilt as UTF-8.
                guard anyByte(of: text, mayStartSeparator), text.unicodeScalars.contains(where: isSeparator) else { return text }
                var out: [UInt8] = []
                out.reserveCapacity(text.utf8.count)
                for scalar in text.unicodeScalars where !isSeparator(scalar) { UTF8.encode(scalar) { out.append($0) } }
                return String(decoding: out, as: UTF8.self)
            }
        }
    }

    static let defaultValue: TransformFactory = { args, _ in
        guard let text = args?.string else { return nil }
        return ClosureTransform { value in (value?.isEmpty ?? true) ? text : value }
    }

    static let replace: TransformFactory = { args, _ in
        guard let map = args?.mapping(allowed: ["pattern", "with"]), let pattern = compile(map.required("pattern")),
              let with = map["with"]?.string ?? Optional("") else { return nil }
        return ClosureTransform { value throws(TransformFailure) in
            guard let value else { return nil }
            try checkPatternInput(value)
            return pattern.stringByReplacingMatches(in: value, range: NSRange(value.startIndex..., in: value), withTemplate: with)
        }
    }

    static let regex: TransformFactory = { args, _ in
        guard let map = args?.mapping(allowed: ["pattern", "group"]), let pattern = compile(map.required("pattern")) else { return nil }
        let group = map["group"]?.int ?? (pattern.numberOfCaptureGroups > 0 ? 1 : 0)
        guard (0...pattern.numberOfCaptureGroups).contains(group) else {
            // A negative group traps in NSTextCheckingResult.range(at:) on the first match: refused here, by `sgw check`.
            args?.reader.problem("'group' \(group) but the pattern has \(pattern.numberOfCaptureGroups) groups (0 is the whole match)",
                                 line: map["group"]?.line)
            return nil
        }
        return ClosureTransform { value throws(TransformFailure) in
            guard let value else { return nil }
            try checkPatternInput(value)
            guard let m = pattern.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)),
                  let r = Range(m.range(at: group), in: value) else { return nil }
            return String(value[r])
        }
    }

    /// The longest value a regular expression is applied to, in UTF-16 units. ICU backtracks, so a pattern such as
    /// `(\S+)$` on a value of tens of thousands of characters can hold up a whole import; business values are short.
    static let maxPatternInput = 4096

    static func checkPatternInput(_ value: String) throws(TransformFailure) {
        guard value.utf16.count <= maxPatternInput else {
            throw TransformFailure(.invalidValue, "the value is longer than \(maxPatternInput) characters, "
                                   + "more than a regular expression is applied to")
        }
    }

    static func compile(_ value: ConfigValue?) -> NSRegularExpression? {
        guard let value, let text = value.string else { return nil }
        do {
            return try NSRegularExpression(pattern: text)
        } catch {
            value.reader.problem("'\(text)' is not a valid regular expression", line: value.line)
            return nil
        }
    }

    /// What `strip_separators` removes: space, tab, no-break space, - . / ( ) [ ], the ideographic space, the en and
    /// em dashes, 【 】, and the full-width hyphen, dot, slash and parentheses. A switch, not a Set: hashing every
    /// scalar of every value was the transform's cost.
    static func isSeparator(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x20, 0x09, 0xA0, 0x2D, 0x2E, 0x2F, 0x28, 0x29, 0x5B, 0x5D, 0x3000, 0x2013, 0x2014, 0x3010, 0x3011,
             0xFF0D, 0xFF0E, 0xFF0F, 0xFF08, 0xFF09: true
        default: false
        }
    }

    /// Whether a scalar starting with UTF-8 byte `b` can be a separator: one of the ASCII ones, or the lead byte of
    /// U+00A0 (C2), U+2013 and U+2014 (E2), U+3000, U+3010 and U+3011 (E3), U+FF08–U+FF0F (EF). A look at the bytes
    /// first: decoding the scalars of every value that has no separator was most of the transform's cost.
    @inline(__always)
    static func mayStartSeparator(_ b: UInt8) -> Bool {
        switch b {
        case 0x20, 0x09, 0x2D, 0x2E, 0x2F, 0x28, 0x29, 0x5B, 0x5D, 0xC2, 0xE2, 0xE3, 0xEF: true
        default: false
        }
    }

    /// Whether a byte of `s`'s UTF-8 meets `test`, read from the string's storage: the UTF-8 view's own `contains`
    /// walks an iterator. The transforms that change nothing in most values (halfwidth, upper, strip_separators) ask
    /// this of every value.
    @inline(__always)
    static func anyByte(of s: String, _ test: (UInt8) -> Bool) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { $0.contains(where: test) } ?? s.utf8.contains(where: test)
    }

    /// Trims white space (`Whitespace.trimmed`).
    static func trimmed(_ s: consuming String) -> String { Whitespace.trimmed(s) }

    /// Full-width ASCII (U+FF01–U+FF5E) and the ideographic space to their half-width forms.
    static func toHalfwidth(_ s: consuming String) -> String {
        // U+FF01–U+FF5E start with byte EF, U+3000 with E3: without either byte there is nothing to change.
        guard anyByte(of: s, { $0 == 0xEF || $0 == 0xE3 }),
              s.unicodeScalars.contains(where: { $0.value >= 0xFF01 && $0.value <= 0xFF5E || $0.value == 0x3000 }) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if u.value >= 0xFF01 && u.value <= 0xFF5E {
                out.append(Unicode.Scalar(u.value - 0xFEE0)!)
            } else if u.value == 0x3000 {
                out.append(" ")
            } else {
                out.append(u)
            }
        }
        return String(out)
    }

    /// `s` with `f` applied to each byte; `s` itself when no byte changes (the usual case: an upper-case code).
    static func mapASCII(_ s: consuming String, _ f: (UInt8) -> UInt8) -> String {
        guard anyByte(of: s, { f($0) != $0 }) else { return s }
        return String(decoding: s.utf8.map(f), as: UTF8.self)
    }
}
