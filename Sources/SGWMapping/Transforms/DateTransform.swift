import Foundation
import SGWCore
import SGWFormats

/// Dates as self-built systems write them, to `YYYY-MM-DD`: formats are patterns of yyyy, M, MM, d, dd, H, HH,
/// mm, ss and literal text, plus `excel` for spreadsheet serial numbers. Parsed byte by byte: no DateFormatter.
struct DateTransform: Transform {
    /// The formats tried when a mapping names none.
    static let defaultFormats = [
        "yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyy年M月d日", "yyyyMMdd",
        "yyyy-M-d HH:mm:ss", "yyyy-M-d HH:mm", "yyyy/M/d HH:mm:ss", "yyyy/M/d HH:mm", "yyyy-M-dTHH:mm:ss",
        "yyyy.M.d HH:mm:ss", "yyyy.M.d HH:mm", "yyyyMMddHHmmss", "yyyy年M月d日 HH:mm:ss", "yyyy年M月d日 HH:mm",
    ]

    let patterns: DatePatterns
    let excel: Bool
    /// With the default formats: ISO 8601 date-times with fractions or an offset too, as JSON APIs write them
    /// (`2024-08-31T16:00:00.000Z`), read as the date in Shanghai (2024-09-01): the day a decision counts from there.
    let isoInstants: Bool
    /// The serials `excel` accepts: 1950-01-01 (18,264) to 2199-12-31 (109,574), with any time of day.
    static let excelSerials = 18_264.0..<109_575.0

    static let make: TransformFactory = { args, _ in
        var formats = defaultFormats
        if let args {
            if let list = args.sequence {
                formats = list.compactMap(\.string)
            } else {
                return nil
            }
        }
        var patterns: [DatePattern] = []
        for f in formats where f != "excel" {
            guard let p = DatePattern(f) else {
                args?.reader.problem("date format '\(f)' has no year, month and day (use yyyy, M or MM, d or dd)", line: args?.line)
                return nil
            }
            patterns.append(p)
        }
        return DateTransform(patterns: DatePatterns(patterns), excel: formats.contains("excel"), isoInstants: args == nil)
    }

    static let openEnded: TransformFactory = { _, _ in
        ClosureTransform { value in
            guard let v = value.map(TextTransforms.trimmed), !v.isEmpty else { return nil }
            return isOpenEnded(v) ? nil : value
        }
    }

    static let openEndedWords: Set<String> = ["长期", "永久", "长期有效", "永久有效", "无期限", "不限", "无固定期限", "20991231", "99991231"]

    /// Whether trimmed `v` says "no end". A value starting with a digit is one of the words only as 20991231 or
    /// 99991231: those are compared as they are, so that a date (nearly every value) is not hashed for the set.
    static func isOpenEnded(_ v: String) -> Bool {
        if hasASCIIPrefix(v, "2099-12-31") || hasASCIIPrefix(v, "2099/12/31") || hasASCIIPrefix(v, "9999") { return true }
        if let first = v.utf8.first, ASCIIDigits.isDigit(first) { return v == "20991231" }
        return openEndedWords.contains(v)
    }

    /// Whether `v` starts with the ASCII `prefix`, as `hasPrefix` decides, on bytes: `hasPrefix` walks characters,
    /// and this runs for every validity end date. A byte after the prefix that is not ASCII could
    /// begin a combining mark joined to the prefix's last character, so that case is left to `hasPrefix`.
    static func hasASCIIPrefix(_ v: String, _ prefix: StaticString) -> Bool {
        let onBytes = v.utf8.withContiguousStorageIfAvailable { bytes in
            prefix.withUTF8Buffer { p -> Bool? in
                guard bytes.count >= p.count, bytes.starts(with: p) else { return false }
                return bytes.count == p.count || bytes[p.count] < 0x80 ? true : nil
            }
        }
        return (onBytes ?? nil) ?? v.hasPrefix(prefix.description)
    }

    func apply(_ value: consuming String?) throws(TransformFailure) -> String? {
        guard let raw = consume value else { return nil }
        var text = TextTransforms.trimmed(raw)
        if text.isEmpty { return nil }
        // The patterns read the string's own UTF-8: a copy into an array was an allocation per date.
        let (parsed, impossible) = text.withUTF8 { patterns.parse($0) }
        if let parsed { return parsed.description }
        if isoInstants, text.utf8.count > 19, let instant = ShanghaiTime.parseInstant(text) {
            let date = ShanghaiTime.date(of: instant)
            if (1900...2199).contains(date.year) { return date.description }
        }
        // A spreadsheet serial (1900 system), converted as the XLSX reader converts date cells; Excel's phantom
        // 1900-02-29 and times with no day are not dates. Only plain decimals of the serials of 1950 to 2199: any
        // number is some day, and a mistyped 240101 or 2024 must not pass as 2557-05-15 or 1905-07-16.
        if excel, Self.excelSerials.contains(Double(text) ?? -1),
           text.utf8.allSatisfy({ $0 == UInt8(ascii: ".") || ASCIIDigits.isDigit($0) }),
           let serialText = XLSXDateSerial.text(text, date1904: false), let d = LocalDate(String(serialText.prefix(10))) {
            return d.description
        }
        throw TransformFailure(.invalidDate, impossible.map { "'\(text)' is not a real date (\($0))" } ?? "'\(text)' is not a date in a known format")
    }
}

/// A compiled date format.
struct DatePattern {
    /// A token holds no reference: a literal's bytes are in the token, up to eight (a longer literal is several
    /// tokens), so that trying the patterns of a date reads no reference counts (`DatePatterns`).
    enum Token {
        case year, month(exact: Bool), day(exact: Bool), hour, minute, second
        /// `count` bytes, the first in the low bits of `bytes`.
        case literal(bytes: UInt64, count: Int)
    }

    enum Outcome {
        case date(LocalDate)
        case impossible(String)
        case noMatch
    }

    let tokens: [Token]

    init?(_ format: String) {
        var tokens: [Token] = []
        var chars = Array(format)
        var literal: [UInt8] = []
        func flush() {
            for start in stride(from: 0, to: literal.count, by: 8) {
                let piece = literal[start..<min(literal.count, start + 8)]
                tokens.append(.literal(bytes: piece.reversed().reduce(0) { $0 << 8 | UInt64($1) }, count: piece.count))
            }
            literal = []
        }
        while !chars.isEmpty {
            let c = chars[0]
            var run = 1
            while run < chars.count && chars[run] == c { run += 1 }
            switch (c, run) {
            case ("y", 4): flush(); tokens.append(.year)
            case ("M", 1), ("M", 2): flush(); tokens.append(.month(exact: run == 2))
            case ("d", 1), ("d", 2): flush(); tokens.append(.day(exact: run == 2))
            case ("H", 1), ("H", 2): flush(); tokens.append(.hour)
            case ("m", 2): flush(); tokens.append(.minute)
            case ("s", 2): flush(); tokens.append(.second)
            default: literal.append(contentsOf: Array(String(repeating: c, count: run).utf8))
            }
            chars.removeFirst(run)
        }
        flush()
        let hasYear = tokens.contains { if case .year = $0 { true } else { false } }
        let hasMonth = tokens.contains { if case .month = $0 { true } else { false } }
        let hasDay = tokens.contains { if case .day = $0 { true } else { false } }
        guard hasYear, hasMonth, hasDay else { return nil }
        self.tokens = tokens
    }

    /// `b` read as the pattern of `tokens`.
    static func parse(_ b: UnsafeBufferPointer<UInt8>, _ tokens: UnsafeBufferPointer<Token>) -> Outcome {
        var i = 0
        var y = 0, m = 0, d = 0, hh = 0, mm = 0, ss = 0
        func digits(min: Int, max: Int) -> Int? {
            var n = 0, count = 0
            while i < b.count, count < max, b[i] >= 0x30, b[i] <= 0x39 {
                n = n * 10 + Int(b[i] - 0x30)
                i += 1
                count += 1
            }
            return count >= min ? n : nil
        }
        for t in tokens {
            switch t {
            case .year: guard let v = digits(min: 4, max: 4) else { return .noMatch }; y = v
            case .month(let exact): guard let v = digits(min: exact ? 2 : 1, max: 2) else { return .noMatch }; m = v
            case .day(let exact): guard let v = digits(min: exact ? 2 : 1, max: 2) else { return .noMatch }; d = v
            case .hour: guard let v = digits(min: 1, max: 2) else { return .noMatch }; hh = v
            case .minute: guard let v = digits(min: 2, max: 2) else { return .noMatch }; mm = v
            case .second: guard let v = digits(min: 2, max: 2) else { return .noMatch }; ss = v
            case .literal(let bytes, let count):
                guard b.count - i >= count else { return .noMatch }
                for k in 0..<count where b[i + k] != UInt8(truncatingIfNeeded: bytes >> (8 * k)) { return .noMatch }
                i += count
            }
        }
        guard i == b.count else { return .noMatch }
        // No licence or penalty is dated before 1900 or after 2199: 0001-01-01 and 2924-01-01 are typing errors.
        guard (1900...2199).contains(y) else { return .impossible("year \(y)") }
        guard (1...12).contains(m) else { return .impossible("month \(m)") }
        guard hh < 24, mm < 60, ss < 60 else { return .impossible("time \(hh):\(mm):\(ss)") }
        guard let date = LocalDate(year: y, month: m, day: d) else { return .impossible("day \(d) of \(y)-\(m)") }
        return .date(date)
    }
}

/// A transform's date formats, their tokens one after the other in one array: a date is tried against them in order
/// with one look at the array. Tried from an array of patterns, each pattern's tokens were retained and released
/// (three dates a row, up to five patterns each: 8.7 retains a row).
struct DatePatterns {
    let tokens: [DatePattern.Token]
    /// Where each pattern's tokens end in `tokens`.
    let ends: [Int]
    /// Per pattern, the byte a date must have after its four-digit year (`yyyy-`, `yyyy/`, `yyyy年`), or 0x100 for a
    /// pattern that does not start so (`yyyyMMdd`): a date is tried only against the patterns it can match. Tried
    /// in order against them all, each of a row's three dates failed on up to four patterns first.
    let afterYear: [UInt16]

    init(_ patterns: [DatePattern]) {
        tokens = patterns.flatMap(\.tokens)
        ends = patterns.reduce(into: []) { $0.append(($0.last ?? 0) + $1.tokens.count) }
        afterYear = patterns.map { p in
            guard p.tokens.count > 1, case .year = p.tokens[0], case .literal(let bytes, _) = p.tokens[1] else { return 0x100 }
            return UInt16(bytes & 0xFF)
        }
    }

    /// The date of the first pattern `b` matches, or nil and why the first pattern it fits gives no real date.
    func parse(_ b: UnsafeBufferPointer<UInt8>) -> (date: LocalDate?, impossible: String?) {
        // The fifth byte, or 0x200, which no pattern asks for, when there is none (a pattern may still fit, or say why not).
        let fifth = b.count > 4 ? UInt16(b[4]) : 0x200
        return tokens.withUnsafeBufferPointer { tokens in
            ends.withUnsafeBufferPointer { ends in
                afterYear.withUnsafeBufferPointer { afterYear in
                    var impossible: String?
                    var start = 0
                    for (i, end) in ends.enumerated() {
                        defer { start = end }
                        // A year is four digits exactly: a different byte after it cannot match.
                        if afterYear[i] < 0x100 && fifth < 0x100 && afterYear[i] != fifth { continue }
                        switch DatePattern.parse(b, UnsafeBufferPointer(rebasing: tokens[start..<end])) {
                        case .date(let d): return (d, nil)
                        case .impossible(let why): impossible = impossible ?? why
                        case .noMatch: break
                        }
                    }
                    return (nil, impossible)
                }
            }
        }
    }
}
