import Foundation
import SGWFormats
import SGWMapping

/// Values a poller reads from a page besides its records: the total, the next cursor or link, the success code.
/// Paths are written with dots or slashes (`data.total`, `response/total`).
enum PageDocument {
    /// The text at `path` in `body` read as `format`; nil when there is none.
    static func value(at path: String, in body: [UInt8], format: AdapterSpec.Format) -> String? {
        let steps = path.split(whereSeparator: { $0 == "." || $0 == "/" }).map(String.init)
        guard !steps.isEmpty else { return nil }
        switch format {
        case .xml(var f):
            // The element that holds the value, read as a record whose fields are its children.
            guard steps.count >= 2 else { return nil }
            f.recordPath = steps.dropLast().joined(separator: "/")
            var reader = XMLRecordReader(source: ByteSource(bytes: body, name: "page"), format: f)
            guard let next = try? reader.next(), case .record(let r) = next else { return nil }
            return r[steps.last!]
        default:
            guard var node = try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed]) else { return nil }
            for step in steps {
                if let object = node as? [String: Any], let next = object[step] {
                    node = next
                } else if let array = node as? [Any], let i = Int(step), array.indices.contains(i) {
                    node = array[i]
                } else {
                    return nil
                }
            }
            switch node {
            case let s as String: return s
            case is NSNull: return nil
            case let n as NSNumber: return n.stringValue
            default: return nil
            }
        }
    }
}
