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
    /// Every source field name the mapping reads, numbered, so that a file's header is resolved to positions once
    /// and each record is read by number (hashing Chinese names for every field of every row was a tenth of the
    /// mapping's time).
    let sourceNames: [String]
    /// Per message, per field: where its value comes from, by source number.
    let plans: [MessagePlan]
    let keySources: [Int]
    /// What every key starts with: the mapping's name and a colon (`MessageOrigin.keyPrefix`).
    let keyPrefix: String

    /// One message spec, compiled: classes, so that walking the plan per record does not copy each field's spec
    /// with its transforms and checks.
    final class MessagePlan: Sendable {
        let kind: MessageKind
        let when: (condition: Condition, source: Int)?
        let fields: [FieldPlan]
        /// `fields`, unretained (`fields` keeps them alive). Unsafe for a measured reason: walked from the array, each
        /// plan is retained and released for every record, as `scripts/bench/map-calls` counts (docs/benchmarks.md,
        /// Mapping: "Field plans walked unretained").
        private let unretainedFields: [Unmanaged<FieldPlan>]
        /// Each check with the paths of the fields it reads.
        let checks: [(check: RecordCheck, paths: [CanonicalPath?])]

        init(kind: MessageKind, when: (condition: Condition, source: Int)?, fields: [FieldPlan],
             checks: [(check: RecordCheck, paths: [CanonicalPath?])]) {
            (self.kind, self.when, self.fields, self.checks) = (kind, when, fields, checks)
            unretainedFields = fields.map(Unmanaged.passUnretained)
        }

        /// Reads every field of the message, in order (`FieldPlan.map` of each).
        func mapFields(_ value: (Int) -> String?, _ values: inout FieldValues, _ rejections: inout [Rejection]) {
            for f in unretainedFields {
                f._withUnsafeGuaranteedRef { $0.map(value, into: &values, rejections: &rejections) }
            }
        }
    }

    final class FieldPlan: Sendable {
        enum Source: Sendable {
            case fields([Int])
            case constant(String)
            case template([(text: String?, field: Int?)])
        }

        let target: String
        /// The target's path; nil only for a name that is not canonical, which reading the mapping refuses.
        let path: CanonicalPath?
        let source: Source
        let when: (condition: Condition, source: Int)?
        /// The field's transforms, composed into one function when the plan is made.
        let transform: @Sendable (consuming String?) throws(TransformFailure) -> String?
        /// Whether the field has transforms to call.
        let hasTransforms: Bool
        let checks: [FieldCheck]
        /// The message when `required` fails: which source was empty.
        let requiredMessage: String

        /// `transforms` composed into one function, each captured and called where it lies. Called from an array
        /// (by `for … in`, by index, even through its buffer), each existential was copied first, what it holds
        /// retained and released: composed, `sgw map` makes 21 retains and releases a row fewer
        /// (scripts/bench/map-calls). The identity for none, which `map` does not call: it retains its argument.
        static func composed(_ transforms: [any Transform]) -> @Sendable (consuming String?) throws(TransformFailure) -> String? {
            guard let first = transforms.first else { return { $0 } }
            var composed: @Sendable (consuming String?) throws(TransformFailure) -> String? = { value throws(TransformFailure) in try first.apply(value) }
            for t in transforms.dropFirst() {
                let before = composed
                composed = { value throws(TransformFailure) in try t.apply(try before(value)) }
            }
            return composed
        }

        init(_ f: FieldSpec, source: Source, when: (condition: Condition, source: Int)?) {
            (target, path, self.source, self.when, transform, checks) = (f.target, CanonicalPath(name: f.target), source, when, Self.composed(f.transforms.map(\.transform)), f.checks)
            hasTransforms = !f.transforms.isEmpty
            requiredMessage = Rejection.required(f.target, source: Mapper.describe(f.source)).message
        }

        /// Reads the field from a record (`value` by source number) through its transforms and checks into
        /// `values`, or adds why it cannot be. A method of the plan, so that its condition, source, transforms and
        /// checks are read where they are: read in the mapper's loop, each was copied for every field of every row.
        /// For the same reason the condition is reached through `?.` and the checks by index: `if let` and
        /// `for … in` copy each condition and check, and retain and release what it holds.
        func map(_ value: (Int) -> String?, into values: inout FieldValues, rejections: inout [Rejection]) {
            if let source = when?.source, when?.condition.holds(for: value(source)) == false { return }
            do {
                // Moved from step to step: a transform that changes nothing costs no retain and release.
                var result = Mapper.source(source, value)
                if hasTransforms { result = try transform(consume result) }
                // Checked before it is stored, and stored once: stored first, each checked value was read back out of
                // the values (a retain) and stored again (a release).
                if path == nil || result?.isEmpty == true { result = nil }
                for i in checks.indices {
                    let (checked, rejection) = checks[i].verdict(result, field: target)
                    guard var r = rejection else {
                        if let checked, !checked.isEmpty { result = checked }
                        continue
                    }
                    if case .required = checks[i] { r.message = requiredMessage }
                    rejections.append(r)
                }
                if let path, let v = consume result { values[path] = v }
            } catch {
                rejections.append(Rejection(code: error.code, field: target, message: error.message))
            }
        }
    }

    /// A mapper.
    public init(spec: MappingSpec, adapter: String, profile: String? = nil) {
        self.spec = spec
        self.adapter = adapter
        self.profile = profile ?? spec.profile
        var names: [String] = []
        var numbers: [String: Int] = [:]
        func number(_ name: String) -> Int {
            if let n = numbers[name] { return n }
            names.append(name)
            numbers[name] = names.count - 1
            return names.count - 1
        }
        keySources = spec.key.map(number)
        keyPrefix = spec.name + ":"
        plans = spec.messages.map { m in
            MessagePlan(kind: m.kind, when: m.when.map { ($0, number($0.field)) }, fields: m.fields.map { f in
                let source: FieldPlan.Source = switch f.source {
                case .fields(let ns): .fields(ns.map(number))
                case .constant(let c): .constant(c)
                case .template(let parts): .template(parts.map { p in
                    switch p {
                    case .text(let t): (t, nil)
                    case .field(let n): (nil, number(n))
                    }
                })
                }
                return FieldPlan(f, source: source, when: f.when.map { ($0, number($0.field)) })
            }, checks: m.checks.map { ($0, $0.fields.map(CanonicalPath.init(name:))) })
        }
        sourceNames = names
    }

    /// What one thread keeps between records: its id generator and the positions of the source fields in the
    /// last header it saw (CSV and XLSX files share one header for all their records).
    public struct State {
        var ids = MessageIDGenerator()
        // Held, not just its address: a freed header's address can be reused by the next one (JSON and XML
        // records each have their own), and positions must never be taken for the wrong header.
        var header: FieldNames?
        var positions: [Int] = []
        /// The source fields the mapping reads that the header has more than once.
        var duplicated: [String] = []
        /// The slots of the last message's field values, emptied: a thread reuses one array instead of allocating
        /// and destroying one per message.
        var slots: [String?] = []

        /// A fresh state.
        public init() {}
    }

    /// The envelope parts shared by the messages of records read from `source` (a file path or URL), received at
    /// `receivedAt`: this mapping's adapter and profile.
    public func origin(source: String, receivedAt: Date) -> MessageOrigin {
        MessageOrigin(profile: profile, adapter: adapter, source: source, receivedAt: receivedAt, keyPrefix: keyPrefix)
    }

    /// The source fields the mapping reads that `names` lacks. For CSV and XLSX a missing column usually means a
    /// renamed header; JSON and XML records may simply leave an optional field out.
    public func missingSources(in names: FieldNames) -> [String] {
        sourceNames.filter { names.position(of: $0) == nil }
    }

    /// The source fields the mapping reads, by name (a reader may skip every other field without building it).
    public var sourceFields: [String] { sourceNames }

    /// Maps one record read from `source` (a file path or URL), received at `receivedAt`.
    public func map(_ record: RawRecord, source: String, receivedAt: Date) -> MappedRecord {
        var state = State()
        return map(record, source: source, receivedAt: receivedAt, state: &state)
    }

    /// Maps one record, with `state` carried from record to record by one thread.
    public func map(_ record: RawRecord, source: String, receivedAt: Date, state: inout State) -> MappedRecord {
        switch map(record, state: &state, sink: MessageCollector(origin: origin(source: source, receivedAt: receivedAt))) {
        case .prepared(let messages, _): .messages(messages)
        case .rejected(let rejections): .rejected(rejections)
        }
    }

    /// Maps one record and hands each message to `sink`, into the record's output, as it is made: a message collected
    /// first and handed on from an array is copied, every string of its envelope retained and released again. A
    /// record that is rejected in the end has had its messages added for nothing, and its output is dropped; that is
    /// rare.
    func map<Sink: MessageSink>(_ record: RawRecord, state: inout State, sink: Sink) -> MapRun.Outcome<Sink.Output> {
        let milliseconds = UInt64(max(0, sink.origin.receivedAt.timeIntervalSince1970 * 1000))
        if state.header !== record.names {
            state.header = record.names
            state.positions = sourceNames.map { record.names.position(of: $0) ?? -1 }
            state.duplicated = record.names.duplicates.isEmpty ? [] : sourceNames.filter(record.names.duplicates.contains)
        }
        let positions = state.positions
        // Every source value passes here, whatever the format: cleaned by `SourceText`'s rule (invisible characters
        // removed, a control character rejects the record). Collected apart: `value` is called while `rejections`
        // is being written.
        var controlCharacters: [Rejection] = []
        func value(_ source: Int) -> String? {
            let p = positions[source]
            guard p >= 0 && p < record.values.count, let v = record.values[p] else { return nil }
            return SourceText.isClean(v) ? v : SourceText.read(v, field: sourceNames[source], rejections: &controlCharacters)
        }
        var rejections: [Rejection] = []
        // Two fields of one name: taking the first (as a spreadsheet lookup would) may take the wrong one, so a record
        // whose mapping reads such a field is rejected, naming it; a duplicate the mapping does not read only warns.
        for name in state.duplicated {
            rejections.append(Rejection(code: .duplicateField, field: name,
                                        message: "the record has two or more fields named '\(name)'; which one is meant cannot be told"))
        }
        // Parts joined with "|", a "|" or "\\" inside a part escaped, so that different records never share a key.
        // What follows the mapping's name and the colon (`MessageOrigin.keyPrefix`): for a key of one field, that
        // field's value as read.
        var key = ""
        if keySources.count > 1 { key.reserveCapacity(32 * keySources.count) }
        var keyIsEmpty = true
        for (i, k) in keySources.enumerated() {
            if i > 0 { key.append("|") }
            guard let part = value(k).map(TextTransforms.trimmed), !part.isEmpty else { continue }
            keyIsEmpty = false
            let escaped = TextTransforms.anyByte(of: part, { $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: "\\") })
                ? part.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|") : part
            if keySources.count == 1 { key = escaped } else { key += escaped }
        }
        if keyIsEmpty {
            rejections.append(Rejection(code: .required, field: spec.key.joined(separator: ", "),
                                        message: "the key fields are all empty: the record cannot be identified"))
        }
        var output = sink.makeOutput()
        var count = 0
        for plan in plans {
            // By `?.` and by index, as in `FieldPlan.map`.
            if let source = plan.when?.source, plan.when?.condition.holds(for: value(source)) == false { continue }
            var values = FieldValues(emptySlots: state.slots)
            state.slots = []
            defer { state.slots = values.emptiedSlots() }
            plan.mapFields(value, &values, &rejections)
            for i in plan.checks.indices {
                if let r = plan.checks[i].check.failure({ plan.checks[i].paths[$0].flatMap { values[$0] } }) { rejections.append(r) }
            }
            // An approval's 双公示 record goes with it, derived by the builder.
            let location = record.location.description
            count += MessageBuilder.build(plan.kind, &values, deriving: spec.creditLicence, rejections: &rejections, sink: sink,
                                          into: &output) { incomplete in
                MessageParts(id: state.ids.bits(milliseconds: milliseconds), key: key, location: location, incomplete: incomplete)
            }
        }
        // Messages quote values (a code, a date as written); an ID number typed into a USCC or date column would be
        // printed as it is. Masked here, once, for every consumer: `sgw map`, the stored rejections, rejects files.
        sink.finish(&output)
        if !controlCharacters.isEmpty { rejections = controlCharacters + rejections }
        return rejections.isEmpty ? .prepared(output, messages: count)
            : .rejected(Self.unique(rejections).map { r in var r = r; r.message = Masking.text(r.message); return r })
    }

    /// A field's value from the record. A source cell holding only white space counts as empty, as a spreadsheet
    /// user reads it: the next field of a list is taken, and `required` fails, instead of " " passing as a value.
    static func source(_ source: FieldPlan.Source, _ record: (Int) -> String?) -> String? {
        switch source {
        case .fields(let numbers):
            for n in numbers {
                if let v = record(n), !Whitespace.isBlank(v) { return v }
            }
            return nil
        case .constant(let c):
            return c
        case .template(let parts):
            // A template whose fields are all empty is empty, not its literal text alone ("；"): `required` and
            // `default` apply to it as to any empty value.
            var out = ""
            var filled = false
            for p in parts {
                if let text = p.text {
                    out += text
                } else if let v = p.field.flatMap(record), !Whitespace.isBlank(v) {
                    out += v
                    filled = true
                }
            }
            return filled || !parts.contains(where: { $0.field != nil }) ? out : nil
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
