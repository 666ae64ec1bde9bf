public import Foundation
public import SGWCore
public import SGWFormats

/// What a record became: its messages, or why it was rejected. A record is accepted whole or not at all.
public enum MappedRecord: Sendable {
    /// The record's messages (one per message spec whose condition holds).
    case messages([CanonicalMessage])
    /// The rejections; none of the record's messages is kept.
    case rejected([Rejection])
}

/// Applies a mapping to raw records: sources, transforms, checks, the model's rules, the envelope.
public struct Mapper: Sendable {
    /// The mapping.
    public let spec: MappingSpec
    /// The adapter name written into provenance.
    public let adapter: String
    /// The profile written into envelopes (the adapter's, else the mapping's).
    public let profile: String

    /// A mapper.
    public init(spec: MappingSpec, adapter: String, profile: String? = nil) {
        self.spec = spec
        self.adapter = adapter
        self.profile = profile ?? spec.profile
    }

    /// Maps one record read from `source` (a file path or URL), received at `receivedAt`.
    public func map(_ record: RawRecord, source: String, receivedAt: Date) -> MappedRecord {
        var ids = MessageIDGenerator()
        return map(record, source: source, receivedAt: receivedAt, ids: &ids)
    }

    /// Maps one record, taking message ids from `ids` (one generator for a whole file).
    public func map(_ record: RawRecord, source: String, receivedAt: Date, ids: inout MessageIDGenerator) -> MappedRecord {
        let milliseconds = UInt64(max(0, receivedAt.timeIntervalSince1970 * 1000))
        var rejections: [Rejection] = []
        var keyParts: [String] = []
        for k in spec.key { keyParts.append(record[k].map(TextTransforms.trimmed) ?? "") }
        if keyParts.allSatisfy(\.isEmpty) {
            rejections.append(Rejection(code: .required, field: spec.key.joined(separator: ", "),
                                        message: "the key fields are all empty: the record cannot be identified"))
        }
        let key = "\(spec.name):" + keyParts.joined(separator: "|")
        var messages: [CanonicalMessage] = []
        for m in spec.messages {
            if let when = m.when, !when.holds(for: record[when.field]) { continue }
            var values: [String: String] = [:]
            for f in m.fields {
                if let when = f.when, !when.holds(for: record[when.field]) { continue }
                do {
                    var value = try Self.source(f.source, record)
                    for t in f.transforms { value = try t.transform.apply(value) }
                    if let v = value, !v.isEmpty { values[f.target] = v }
                    for check in f.checks {
                        guard var r = check.failure(values[f.target], field: f.target) else { continue }
                        if case .required = check { r.message = "\(f.target) is required; \(Self.describe(f.source)) is empty" }
                        rejections.append(r)
                    }
                } catch {
                    rejections.append(Rejection(code: error.code, field: f.target, message: error.message))
                }
            }
            for check in m.checks {
                if let r = check.failure(values) { rejections.append(r) }
            }
            let (body, modelRejections) = MessageBuilder.build(m.kind, values)
            // One rejection per field: a value that failed its transform is not reported missing too.
            rejections += modelRejections.filter { r in !rejections.contains { $0.field == r.field } }
            guard rejections.isEmpty, let body else { continue }
            do {
                messages.append(try CanonicalMessage.make(
                    body: body, key: key, profile: profile,
                    provenance: Provenance(adapter: adapter, source: source, location: record.location.description),
                    receivedAt: receivedAt, id: ids.make(milliseconds: milliseconds)))
            } catch {
                rejections.append(Rejection(code: Rejection.Code(rawValue: "internal"), field: "", message: "cannot encode the message: \(error)"))
            }
        }
        return rejections.isEmpty ? .messages(messages) : .rejected(Self.unique(rejections))
    }

    static func source(_ source: FieldSpec.Source, _ record: RawRecord) throws(TransformFailure) -> String? {
        switch source {
        case .fields(let names):
            for n in names {
                if let v = record[n], !v.isEmpty { return v }
            }
            return nil
        case .constant(let c):
            return c
        case .template(let parts):
            var out = ""
            for p in parts {
                switch p {
                case .text(let t): out += t
                case .field(let f): out += record[f] ?? ""
                }
            }
            return out
        }
    }

    static func describe(_ source: FieldSpec.Source) -> String {
        switch source {
        case .fields(let names): names.count == 1 ? "source field '\(names[0])'" : "every source field of \(names.joined(separator: ", "))"
        case .constant: "the constant"
        case .template: "the template"
        }
    }

    static func unique(_ rejections: [Rejection]) -> [Rejection] {
        var seen = Set<Rejection>()
        return rejections.filter { seen.insert($0).inserted }
    }
}
