import Foundation
import SGWCore

/// A plain decimal number: thousands separators, spaces and the unit (元, 万元) removed, optionally divided (元 → 万元).
struct DecimalTransform: Transform {
    let divisor: Decimal?
    let places: Int

    static let make: TransformFactory = { args, _ in
        let map = args?.mapping(allowed: ["divide_by", "places"])
        var divisor: Decimal?
        if let d = map?["divide_by"]?.string {
            guard let v = Decimal(string: d), v != 0 else {
                args?.reader.problem("'divide_by' must be a non-zero number", line: map?["divide_by"]?.line)
                return nil
            }
            divisor = v
        }
        return DecimalTransform(divisor: divisor, places: map?["places"]?.int ?? 6)
    }

    func apply(_ value: consuming String?) throws(TransformFailure) -> String? {
        guard var text = value.map(TextTransforms.trimmed), !text.isEmpty else { return nil }
        text = String(TextTransforms.toHalfwidth(text).filter { $0 != "," && $0 != "，" && $0 != " " })
        // A value that names its unit says which it is: 万元 is what canonical amounts are kept in, so it is never
        // divided; 元 is the plain unit `divide_by` converts from.
        var inTenThousands = false
        if text.hasSuffix("万元") || text.hasSuffix("万") {
            text = String(text.dropLast(text.hasSuffix("万元") ? 2 : 1))
            inTenThousands = true
        } else if text.hasSuffix("元") {
            // Canonical amounts are 万元: a value in 元 without `divide_by` would be kept 10,000 times too large.
            guard divisor != nil else {
                throw TransformFailure(.invalidAmount, "'\(value ?? "")' is in 元 but the mapping reads this field in 万元 "
                                       + "(add {decimal: {divide_by: 10000}} where the source writes 元)")
            }
            text = String(text.dropLast())
        }
        guard text.range(of: #"^-?[0-9]+(\.[0-9]+)?$"#, options: .regularExpression) != nil,
              var number = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            throw TransformFailure(.invalidAmount, "'\(value ?? "")' is not a number")
        }
        if let divisor, !inTenThousands { number /= divisor }
        var rounded = Decimal()
        NSDecimalRound(&rounded, &number, places, .plain)
        return NSDecimalNumber(decimal: rounded).stringValue
    }
}
