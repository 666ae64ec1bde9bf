import Foundation
public import SGWCore

/// A code table: source codes or words to canonical values (相对人类别 → organisation, 01 → 普通).
public struct CodeTable: Sendable {
    /// The translations.
    public var values: [String: String]
    /// The value for codes not in the table; nil rejects them.
    public var defaultValue: String?

    /// Reads `{values: {…}, default: X}` or `{file: NAME.yaml, default: X}` (a file holding the values, or the same
    /// keys), or a bare mapping of codes to values.
    public static func read(_ value: ConfigValue, folder: String) -> CodeTable? {
        guard let map = value.mapping() else { return nil }
        let keys = Set(map.entries.map(\.key))
        if keys.isSubset(of: ["values", "default", "file"]) && !keys.isEmpty {
            if let file = map["file"]?.string {
                let path = file.hasPrefix("/") ? file : (folder as NSString).appendingPathComponent(file)
                let reader = ConfigReader(file: path)
                // A table file holds values only: no further `file:`, so tables cannot point at each other in a loop.
                let table = reader.root(contentsOf: path).flatMap { root -> CodeTable? in
                    if let inner = root.mapping(), inner["file"] != nil {
                        reader.problem("a table file cannot name another file", line: inner["file"]?.line)
                        return nil
                    }
                    return read(root, folder: folder)
                }
                for p in reader.problems { value.reader.problem("in table file \(file): \(p.description)", line: map["file"]?.line) }
                if map["values"] != nil {
                    value.reader.problem("'file' holds the table's values: give them in the file or here, not both", line: map["values"]?.line)
                }
                // A default beside the file is the table's default (an empty one leaves unknown codes empty).
                guard var table, let fallback = map["default"] else { return table }
                table.defaultValue = fallback.string
                return table
            }
            guard let values = map.required("values")?.mapping() else { return nil }
            return CodeTable(values: pairs(values), defaultValue: map["default"]?.string)
        }
        return CodeTable(values: pairs(map), defaultValue: nil)
    }

    static func pairs(_ map: ConfigMap) -> [String: String] {
        var out: [String: String] = [:]
        for e in map.entries {
            if let v = e.value.string { out[e.key] = v }
        }
        return out
    }
}

/// Translates a value through a code table.
struct CodeTableTransform: Transform {
    let table: CodeTable
    let name: String
    /// The table's codes, for looking a value up without hashing it (see `TextIndex`).
    let codes: TextIndex
    let values: [String]

    init(table: CodeTable, name: String) {
        (self.table, self.name) = (table, name)
        (codes, values) = (TextIndex(Array(table.values.keys)), Array(table.values.values))
    }

    static let make: TransformFactory = { args, context in
        guard let args else { return nil }
        if case .scalar = args.node, let name = args.string {
            guard let table = context.tables[name] else {
                let hint = Suggestion.closest(to: name, in: context.tables.keys).map { "; did you mean '\($0)'?" } ?? ""
                args.reader.problem("no code table '\(name)' in 'tables'\(hint)", line: args.line)
                return nil
            }
            return CodeTableTransform(table: table, name: name)
        }
        guard let table = CodeTable.read(args, folder: context.folder) else { return nil }
        return CodeTableTransform(table: table, name: "inline")
    }

    func apply(_ value: consuming String?) throws(TransformFailure) -> String? {
        guard let value = value.map(TextTransforms.trimmed), !value.isEmpty else { return nil }
        if let i = codes.position(of: value) { return values[i] }
        if let d = table.defaultValue { return d }
        let known = table.values.keys.sorted().prefix(8).joined(separator: ", ")
        throw TransformFailure(.invalidValue, "'\(value)' is not in code table \(name) (\(known)\(table.values.count > 8 ? ", …" : ""))")
    }
}
