public import Foundation
import SGWCore

/// How the admin API writes JSON: camelCase members (as the store and the canonical messages name them), keys sorted,
/// times in ISO 8601 at +08:00 (`ShanghaiTime.format`), as every other sgw output shows them.
public enum AdminJSON {
    /// The encoder.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ShanghaiTime.format(date))
        }
        return encoder
    }

    /// `value` as JSON bytes.
    public static func encode(_ value: some Encodable) throws -> Data {
        try encoder().encode(value)
    }

    /// The decoder for request bodies (the replay's ids).
    public static func decoder() -> JSONDecoder { JSONDecoder() }
}
