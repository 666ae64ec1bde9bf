import Foundation

/// A parsed JSON value, decoded with Foundation's JSONDecoder; numbers keep their decimal text.
enum JSONValue: Decodable {
    case string(String)
    case number(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        if var array = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !array.isAtEnd { items.append(try array.decode(JSONValue.self)) }
            self = .array(items)
            return
        }
        if let object = try? decoder.container(keyedBy: AnyKey.self) {
            var members: [String: JSONValue] = [:]
            for key in object.allKeys { members[key.stringValue] = try object.decode(JSONValue.self, forKey: key) }
            self = .object(members)
            return
        }
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let d = try? c.decode(Decimal.self) {
            self = .number(NSDecimalNumber(decimal: d).stringValue)
        } else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a JSON value")
        }
    }

    /// The value at a dotted path.
    func at(path: String) -> JSONValue? {
        var current = self
        for part in path.split(separator: ".") where !part.isEmpty {
            switch current {
            case .object(let members):
                guard let next = members[String(part)] else { return nil }
                current = next
            case .array(let items):
                guard let i = Int(part), items.indices.contains(i) else { return nil }
                current = items[i]
            default:
                return nil
            }
        }
        return current
    }

    /// Flattens an object into dotted names and text values (nil for null).
    func flatten(prefix: String = "", into out: inout [(String, String?)]) {
        switch self {
        case .string(let s): out.append((prefix, s))
        case .number(let n): out.append((prefix, n))
        case .bool(let b): out.append((prefix, b ? "true" : "false"))
        case .null: out.append((prefix, nil))
        case .array(let items):
            for (i, item) in items.enumerated() { item.flatten(prefix: prefix.isEmpty ? "\(i)" : "\(prefix).\(i)", into: &out) }
        case .object(let members):
            for key in members.keys.sorted() {
                members[key]!.flatten(prefix: prefix.isEmpty ? key : "\(prefix).\(key)", into: &out)
            }
        }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
