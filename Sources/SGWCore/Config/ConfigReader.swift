internal import Foundation
public import Yams

/// Reads one YAML file of an operator's, collecting every problem with its line instead of stopping at the first,
/// so that `sgw check` can report them all. Typed getters return nil after recording a problem.
public final class ConfigReader {
    /// The file's path, as shown in problems.
    public let file: String
    /// Problems found so far.
    public private(set) var problems: [ConfigProblem] = []

    /// A reader for `file`.
    public init(file: String) { self.file = file }

    /// Records a value its key does not accept, at `line`.
    public func problem(_ message: String, line: Int?) { add(.invalidValue(message, file: file, line: line)) }

    /// Records `problem`.
    public func add(_ problem: ConfigProblem) { problems.append(problem) }

    /// The document's root value, or nil (with a problem) when the text is not YAML.
    public func root(yaml: String) -> ConfigValue? {
        do {
            // The basic resolver: every plain scalar stays text, which the typed getters below read themselves. The
            // default one tries each scalar against six regular expressions (bool, int, float, null, timestamp,
            // merge), thousands of allocations at every start, for tags nothing reads.
            guard let node = try Yams.compose(yaml: yaml, .basic) else {
                add(.notYAML("the file is empty", file: file, line: 1))
                return nil
            }
            return ConfigValue(node: node, reader: self, path: "")
        } catch let error as YamlError {
            add(.notYAML("not valid YAML: \(Self.describe(error))", file: file, line: Self.line(of: error)))
            return nil
        } catch {
            add(.notYAML("not valid YAML: \(error)", file: file, line: 1))
            return nil
        }
    }

    /// Reads `path` and returns its root value; a missing or unreadable file is a problem.
    public func root(contentsOf path: String) -> ConfigValue? {
        guard let data = FileManager.default.contents(atPath: path) else {
            add(.unreadable("cannot read the file", file: file))
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            add(.unreadable("the file is not UTF-8 text", file: file))
            return nil
        }
        return root(yaml: text)
    }

    static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _): return mark.line
        case .composer(_, _, let mark, _): return mark.line
        default: return nil
        }
    }

    static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _):
            return [context.map { "\($0.text)" }, problem].compactMap { $0 }.joined(separator: ": ")
        case .composer(let context, let problem, _, _):
            return [context.map { "\($0.text)" }, problem].compactMap { $0 }.joined(separator: ": ")
        default: return "\(error)"
        }
    }
}

/// A value in an operator's YAML file, with its line, read through typed getters that report mismatches.
public struct ConfigValue {
    /// The YAML node.
    public let node: Node
    /// The reader that collects problems.
    public let reader: ConfigReader
    /// The dotted path of keys leading here, for messages.
    public let path: String

    /// The 1-based line of the value.
    public var line: Int? { node.mark?.line }

    /// Whether the value is YAML null (`null`, `~` or nothing).
    public var isNull: Bool {
        if case .scalar(let s) = node, s.style == .plain, ["", "~", "null", "Null", "NULL"].contains(s.string) {
            return true
        }
        return false
    }

    func fail<T>(_ expected: String) -> T? {
        reader.add(.wrongType("\(path.isEmpty ? "the document" : "'\(path)'") must be \(expected)", file: reader.file, line: line))
        return nil
    }

    /// The scalar as text.
    public var string: String? {
        guard case .scalar(let s) = node else { return fail("a text value") }
        return s.string
    }

    /// The scalar as a whole number.
    public var int: Int? {
        guard case .scalar(let s) = node, let n = Int(s.string) else { return fail("a whole number") }
        return n
    }

    /// The scalar as true or false.
    public var bool: Bool? {
        guard case .scalar(let s) = node else { return fail("true or false") }
        switch s.string {
        case "true", "True", "TRUE", "yes": return true
        case "false", "False", "FALSE", "no": return false
        default: return fail("true or false")
        }
    }

    /// The scalar as a `YYYY-MM-DD` date.
    public var date: LocalDate? {
        guard case .scalar(let s) = node, let d = LocalDate(s.string) else { return fail("a date YYYY-MM-DD") }
        return d
    }

    /// The elements of a sequence.
    public var sequence: [ConfigValue]? {
        guard case .sequence(let seq) = node else { return fail("a list") }
        return seq.enumerated().map { ConfigValue(node: $0.element, reader: reader, path: "\(path)[\($0.offset)]") }
    }

    /// The value as a mapping whose keys must be among `allowed` (nil allows any key); unknown keys are problems.
    public func mapping(allowed: Set<String>? = nil) -> ConfigMap? {
        guard case .mapping(let map) = node else { return fail("a mapping of keys to values") }
        var entries: [(key: String, line: Int?, value: ConfigValue)] = []
        for (k, v) in map {
            guard case .scalar(let ks) = k else {
                reader.add(.wrongType("a key must be text", file: reader.file, line: k.mark?.line))
                continue
            }
            let key = ks.string
            if let allowed, !allowed.contains(key) {
                let hint = Suggestion.closest(to: key, in: allowed).map { "; did you mean '\($0)'?" } ?? ""
                reader.add(.unknownKey("unknown key '\(key)'\(path.isEmpty ? "" : " in '\(path)'")\(hint)", file: reader.file, line: k.mark?.line))
                continue
            }
            let child = path.isEmpty ? key : "\(path).\(key)"
            entries.append((key, k.mark?.line, ConfigValue(node: v, reader: reader, path: child)))
        }
        return ConfigMap(entries: entries, owner: self)
    }
}

/// The keys and values of a YAML mapping, in file order.
public struct ConfigMap {
    /// The entries in file order.
    public let entries: [(key: String, line: Int?, value: ConfigValue)]
    /// The mapping itself.
    public let owner: ConfigValue

    /// The value at `key`, nil when absent or null.
    public subscript(_ key: String) -> ConfigValue? {
        guard let v = entries.first(where: { $0.key == key })?.value, !v.isNull else { return nil }
        return v
    }

    /// The value at `key`, recording a problem when it is absent or null.
    public func required(_ key: String) -> ConfigValue? {
        if let v = self[key] { return v }
        let place = owner.path.isEmpty ? "" : " in '\(owner.path)'"
        owner.reader.add(.missingKey("missing required key '\(key)'\(place)", file: owner.reader.file, line: owner.line))
        return nil
    }
}

/// "Did you mean" for misspelt keys and names.
public enum Suggestion {
    /// The candidate within edit distance 2 of `word`, the nearest first.
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let scored = candidates.map { ($0, distance(Array(word), Array($0))) }.filter { $0.1 <= 2 }
        return scored.min { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }?.0
    }

    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        for i in 1...a.count {
            var cur = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            prev = cur
        }
        return prev[b.count]
    }
}
