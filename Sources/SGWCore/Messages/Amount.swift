public import Foundation

/// An amount of money in 万元 (ten thousand yuan), as the 双公示 items carry fines, with up to 6 decimal places.
/// Its JSON form is a string (`"0.5"`), so that no reader turns it into a binary float.
public struct Amount: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The value in 万元.
    public var wanYuan: Decimal

    /// An amount.
    public init(wanYuan: Decimal) { self.wanYuan = wanYuan }

    /// Parses a plain decimal (`5000`, `0.5`, `-1` rejected); nil when not a non-negative number with at most
    /// 6 decimal places.
    public init?(_ text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard !t.isEmpty, parts.count <= 2, parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              !parts[0].isEmpty, parts.count == 1 || (1...6).contains(parts[1].count),
              let value = Decimal(string: t, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        self.wanYuan = value
    }

    public var description: String { NSDecimalNumber(decimal: wanYuan).stringValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let amount = Amount(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not an amount in 万元")
        }
        self = amount
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
