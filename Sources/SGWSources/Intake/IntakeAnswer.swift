import Foundation
import SGWCore
public import SGWStore

/// The answer to a webhook's sender: one result per record, in the order sent (its message ids, `duplicate`, or
/// each error with its field and reason), and the counts, which add up: records = accepted + duplicates + updated +
/// rejected + skipped. Written with sgw's own `JSONWriter`, keys in order: it is made inside the commit that stores
/// the records (so that a repeated request gets it back), where every microsecond holds up the other senders.
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
        var results: [Result] = []
        results.reserveCapacity(records.count)
        var accepted = 0, duplicates = 0, updated = 0, rejected = 0, skipped = 0
        for (index, record) in records.enumerated() {
            switch record {
            case .mapped(let location, let items):
                var result = Result(item: index + 1, location: location, status: "")
                var stored: [IngestOutcome] = []
                for item in items {
                    let e = item.message.envelope
                    let outcome = next.next() ?? .duplicate
                    stored.append(outcome)
                    switch outcome {
                    case .accepted:
                        result.messages.append(Message(id: e.id.rawValue, kind: e.kind.rawValue, key: e.key, version: 1))
                    case .updated(let version):
                        result.messages.append(Message(id: e.id.rawValue, kind: e.kind.rawValue, key: e.key, version: version))
                    case .duplicate:
                        result.messages.append(Message(id: nil, kind: e.kind.rawValue, key: e.key, version: nil))
                    }
                }
                let recordOutcome = IngestCounts.RecordOutcome(stored)
                result.status = recordOutcome.rawValue
                switch recordOutcome {
                case .accepted: accepted += 1
                case .updated: updated += 1
                case .duplicate: duplicates += 1
                }
                results.append(result)
            case .rejected(let location, let rejections):
                rejected += 1
                var result = Result(item: index + 1, location: location, status: "rejected")
                result.errors = rejections.map { ErrorItem(code: $0.code, field: $0.field, message: $0.message) }
                results.append(result)
            case .skipped(let location):
                skipped += 1
                var result = Result(item: index + 1, location: location, status: "skipped")
                result.reason = "no message of the mapping applies to this record"
                results.append(result)
            }
        }
        var w = JSONWriter(capacity: 256 + 256 * records.count)
        w.open()
        w.int("accepted", accepted)
        w.int("duplicates", duplicates)
        w.int("records", records.count)
        w.int("rejected", rejected)
        w.objects("results", results)
        w.int("skipped", skipped)
        w.string("status", rejected == 0 ? "accepted" : rejected == records.count ? "rejected" : "partly-rejected")
        w.int("updated", updated)
        w.close()
        return String(decoding: w.bytes, as: UTF8.self)
    }

    struct Result: JSONWritable {
        var item: Int
        var location: String
        var status: String
        var messages: [Message] = []
        var errors: [ErrorItem]?
        var reason: String?

        func write(to w: inout JSONWriter) {
            w.open()
            w.objects("errors", errors)
            w.int("item", item)
            w.string("location", location)
            w.objects("messages", messages.isEmpty ? nil : messages)
            w.string("reason", reason)
            w.string("status", status)
            w.close()
        }
    }

    struct Message: JSONWritable {
        var id: String?
        var kind: String
        var key: String
        var version: Int?

        func write(to w: inout JSONWriter) {
            w.open()
            if id == nil { w.raw("duplicate", Array("true".utf8)) }
            w.string("id", id)
            w.string("key", key)
            w.string("kind", kind)
            if let version { w.int("version", version) }
            w.close()
        }
    }

    struct ErrorItem: JSONWritable {
        var code: String, field: String, message: String

        func write(to w: inout JSONWriter) {
            w.open()
            w.string("code", code)
            w.string("field", field)
            w.string("message", message)
            w.close()
        }
    }
}
