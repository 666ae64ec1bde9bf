import Foundation
import SGWCore
import SGWFormats

/// One side of a range such as `2024-10-28至2027-10-27`.
struct RangeTransform: Transform {
    let part: Int
    let separators: [String]

    static let make: TransformFactory = { args, _ in
        let map = args?.mapping(allowed: ["part", "separators"])
        let part = map?["part"]?.int ?? 1
        guard part == 1 || part == 2 else {
            args?.reader.problem("'part' must be 1 or 2", line: map?["part"]?.line)
            return nil
        }
        let separators = map?["separators"]?.sequence?.compactMap(\.string) ?? ["至", "~", "～", "到", "—", " - ", "-"]
        return RangeTransform(part: part, separators: separators)
    }

    /// Splits at the separator that divides the text in two. A separator that also occurs inside the sides (`-` in
    /// `2024-10-28-2027-10-27`) splits at its middle occurrence when the sides are alike, and at its last one when
    /// the end is a word (`2024-10-28-长期`). A side left empty (`2024-10-28至`) is rejected: a range cut short must
    /// not read as a licence without end.
    func apply(_ value: consuming String?) throws(TransformFailure) -> String? {
        guard let value = value.map(TextTransforms.trimmed), !value.isEmpty else { return nil }
        for sep in separators {
            let parts = value.components(separatedBy: sep)
            guard parts.count >= 2 else { continue }
            // A side without digits is a word (长期) or nothing; it decides the split only beside a side with a date.
            let hasDigits = { (side: ArraySlice<String>) in side.contains { $0.contains(where: \.isNumber) } }
            let cut: Int
            if !hasDigits(parts[(parts.count - 1)...]), hasDigits(parts[..<(parts.count - 1)]) {
                cut = parts.count - 1
            } else if !hasDigits(parts[..<1]), hasDigits(parts[1...]) {
                cut = 1
            } else if parts.count % 2 == 0 {
                cut = parts.count / 2
            } else {
                continue
            }
            let sides = [parts[..<cut], parts[cut...]].map { TextTransforms.trimmed($0.joined(separator: sep)) }
            if sides.contains(where: \.isEmpty) {
                throw TransformFailure(.invalidValue, "'\(value)' has nothing \(sides[0].isEmpty ? "before" : "after") '\(sep)': "
                                       + "write both ends of the range (长期 for no end)")
            }
            return sides[part - 1]
        }
        throw TransformFailure(.invalidValue, "'\(value)' is not a range 'A\(separators.first ?? "至")B'")
    }
}
