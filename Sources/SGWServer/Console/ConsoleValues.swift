import Foundation
import SGWCore

/// The admin service's views as the templates read them: the same JSON the API answers with (`AdminJSON`, so the
/// console shows what the API shows, masked the same way), turned into dictionaries, arrays, strings and booleans,
/// with times written `2026-11-23 10:00` (Shanghai time, as every sgw time is). Numbers become text, so that a count of
/// 0 still shows: a Mustache section on a number would treat every number as true.
enum ConsoleValues {
    /// `value` as a template context: `[String: Any]` for an object, `[Any]` for an array; nil members left out.
    static func tree(_ value: some Encodable) throws -> Any {
        let data = try AdminJSON.encode(value)
        return tree(try JSONDecoder().decode(JSONValue.self, from: data)) ?? [:] as [String: Any]
    }

    /// `value` as an object's members (empty when it is not an object).
    static func object(_ value: some Encodable) throws -> [String: Any] {
        (try tree(value) as? [String: Any]) ?? [:]
    }

    /// `value` as a list of objects (empty when it is not an array of objects).
    static func objects(_ value: some Encodable) throws -> [[String: Any]] {
        ((try tree(value) as? [Any]) ?? []).compactMap { $0 as? [String: Any] }
    }

    static func tree(_ value: JSONValue) -> Any? {
        switch value {
        case .null: return nil
        case .bool(let b): return b
        case .number(let n): return n.rounded() == n && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        case .string(let s): return display(s)
        case .array(let a): return a.compactMap(tree)
        case .object(let o): return o.compactMapValues(tree)
        }
    }

    /// An instant as sgw writes it (`2026-11-23T10:00:00+08:00`, with or without fractions) as `2026-11-23 10:00:00`;
    /// any other text as it is.
    static func display(_ text: String) -> String {
        let u = Array(text.utf8)
        guard u.count >= 25, u.count <= 32, text.hasSuffix("+08:00"), u[10] == UInt8(ascii: "T"), u[4] == UInt8(ascii: "-"),
              u[13] == UInt8(ascii: ":"), ShanghaiTime.parseInstant(text) != nil else { return text }
        return String(text.prefix(19)).replacingOccurrences(of: "T", with: " ")
    }
}
