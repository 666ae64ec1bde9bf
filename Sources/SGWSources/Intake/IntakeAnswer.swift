import Foundation
public import SGWStore

/// The answer to a webhook's sender: one result per record, in the order sent (its message ids, `duplicate`, or
/// each error with its field and reason), and the counts, which add up: records = accepted + duplicates + updated +
/// rejected + skipped.
public struct IntakeAnswer: Sendable {
    /// Each record's result, in order.
    public let records: [RecordIntake.RecordResult]

    /// An answer for `records`.
    public init(records: [RecordIntake.RecordResult]) { self.records = records }

    /// Whether any record was rejected (the answer is then `422`, though the valid records were stored).
    public var hasRejections: Bool {
        records.contains { if case .rejected = $0 { true } else { false } }
    }

    /// The answer's JSON, given what storing the mapped records' messages did (in the same order).
    public func json(outcomes: [IngestOutcome]) -> String {
        var next = outcomes.makeIterator()
        var results: [[String: Any]] = []
        var counts = ["accepted": 0, "duplicates": 0, "updated": 0, "rejected": 0, "skipped": 0]
        for (index, record) in records.enumerated() {
            var result: [String: Any] = ["item": index + 1]
            switch record {
            case .mapped(let location, let items):
                var status = "duplicate"
                var messages: [[String: Any]] = []
                for item in items {
                    let e = item.message.envelope
                    switch next.next() ?? .duplicate {
                    case .accepted:
                        if status == "duplicate" { status = "accepted" }
                        messages.append(["id": e.id.rawValue, "kind": e.kind.rawValue, "key": e.key, "version": 1])
                    case .updated(let version):
                        status = "updated"
                        messages.append(["id": e.id.rawValue, "kind": e.kind.rawValue, "key": e.key, "version": version])
                    case .duplicate:
                        messages.append(["kind": e.kind.rawValue, "key": e.key, "duplicate": true])
                    }
                }
                counts[status == "duplicate" ? "duplicates" : status, default: 0] += 1
                result["location"] = location
                result["status"] = status
                result["messages"] = messages
            case .rejected(let location, let rejections):
                counts["rejected", default: 0] += 1
                result["location"] = location
                result["status"] = "rejected"
                result["errors"] = rejections.map { ["field": $0.field, "code": $0.code, "message": $0.message] }
            case .skipped(let location):
                counts["skipped", default: 0] += 1
                result["location"] = location
                result["status"] = "skipped"
                result["reason"] = "no message of the mapping applies to this record"
            }
            results.append(result)
        }
        var object: [String: Any] = ["records": records.count, "results": results]
        for (k, v) in counts { object[k] = v }
        object["status"] = hasRejections ? (counts["rejected"] == records.count ? "rejected" : "partly-rejected") : "accepted"
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
