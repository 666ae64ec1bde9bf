public import Foundation

/// The JSON form of sgw's messages, in one place: sorted keys, instants as ISO 8601 UTC with milliseconds.
public enum SGWJSON {
    /// For hashing and storage: compact, keys sorted.
    public static var canonicalEncoder: JSONEncoder { encoder(pretty: false) }

    /// An encoder; `pretty` indents for people.
    public static func encoder(pretty: Bool) -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(Instant.formatUTC(date))
        }
        return e
    }

    /// A decoder for the same form.
    public static var decoder: JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .custom { decoder in
            let c = try decoder.singleValueContainer()
            let text = try c.decode(String.self)
            guard let date = ShanghaiTime.parseInstant(text) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "'\(text)' is not an ISO 8601 instant")
            }
            return date
        }
        return d
    }
}
