import Foundation
public import SGWCore

/// Reading a mapping file, with every problem reported as `FILE:LINE: message`.
extension MappingSpec {
    static let topKeys: Set<String> = ["name", "description", "profile", "key", "tables", "fields", "messages", "checks", "credit_licence"]
    static let messageKeys: Set<String> = ["kind", "fields", "when", "checks"]
    static let fieldKeys: Set<String> = ["from", "const", "template", "transforms", "checks", "default", "when"]

    /// Reads `path`; problems go to the returned reader. `knownProfiles` are the profile ids that exist.
    public static func load(path: String, knownProfiles: Set<String>) -> (MappingSpec?, [ConfigProblem]) {
        let reader = ConfigReader(file: path)
        guard let root = reader.root(contentsOf: path) else { return (nil, reader.problems) }
        let spec = read(root, file: path, knownProfiles: knownProfiles)
        return (reader.problems.isEmpty ? spec : nil, reader.problems)
    }

    static func read(_ root: ConfigValue, file: String, knownProfiles: Set<String>) -> MappingSpec? {
        let reader = root.reader
        guard let map = root.mapping(allowed: topKeys) else { return nil }
        let fileName = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        let name = map["name"]?.string ?? fileName
        if name != fileName {
            reader.problem("'name' is '\(name)' but the file is \(fileName).yaml; adapters find mappings by file name", line: map["name"]?.line)
        }
        let profile = map.required("profile")?.string
        if let profile, !knownProfiles.isEmpty, !knownProfiles.contains(profile) {
            let hint = Suggestion.closest(to: profile, in: knownProfiles).map { "; did you mean '\($0)'?" } ?? ""
            reader.problem("unknown profile '\(profile)'\(hint) (known: \(knownProfiles.sorted().joined(separator: ", ")))", line: map["profile"]?.line)
        }
        let key = stringList(map.required("key"))
        if key?.isEmpty == true { reader.problem("'key' must name at least one source field", line: map["key"]?.line) }

        var tables: [String: CodeTable] = [:]
        for entry in map["tables"]?.mapping()?.entries ?? [] {
            if let t = CodeTable.read(entry.value, folder: (file as NSString).deletingLastPathComponent) { tables[entry.key] = t }
        }
        let context = MappingContext(tables: tables, folder: (file as NSString).deletingLastPathComponent)
        let shared = map["fields"]?.mapping().map { readFields($0, kinds: nil, context: context) } ?? []
        let sharedChecks = readChecks(map["checks"], kinds: nil)

        var messages: [MessageSpec] = []
        for item in map.required("messages")?.sequence ?? [] {
            guard let m = item.mapping(allowed: messageKeys), let kindText = m.required("kind")?.string else { continue }
            guard let kind = MessageKind(rawValue: kindText) else {
                reader.problem("unknown message kind '\(kindText)' (approval, supervision, credit.licence, credit.penalty)", line: m["kind"]?.line)
                continue
            }
            let own = m["fields"]?.mapping().map { readFields($0, kinds: [kind], context: context) } ?? []
            let ownTargets = Set(own.map(\.target))
            let fields = shared.filter { !ownTargets.contains($0.target) } + own
            for f in shared where CanonicalFields.byKind[kind]?[f.target] == nil {
                reader.problem("shared field '\(f.target)' is not a field of \(kind.rawValue) messages", line: f.line)
            }
            for name in Set(sharedChecks.flatMap(\.fields)) where CanonicalFields.byKind[kind]?[name] == nil {
                reader.problem("shared check field '\(name)' is not a field of \(kind.rawValue) messages", line: map["checks"]?.line)
            }
            messages.append(MessageSpec(kind: kind, fields: fields, when: readCondition(m["when"]),
                                        checks: sharedChecks + readChecks(m["checks"], kinds: [kind])))
        }
        if messages.isEmpty && map["messages"] != nil { reader.problem("'messages' must list at least one message", line: map["messages"]?.line) }
        var derivation: CreditDerivation?
        if let block = map["credit_licence"] {
            if !messages.contains(where: { $0.kind == .approval }) {
                reader.problem("'credit_licence' derives from approvals, and this mapping maps none", line: block.line)
            } else if messages.contains(where: { $0.kind == .creditLicence }) {
                reader.problem("'credit_licence' is for sources without credit records; this mapping maps credit.licence itself", line: block.line)
            }
            derivation = CreditDerivation.read(block)
        }
        guard let profile, let key else { return nil }
        return MappingSpec(name: name, description: map["description"]?.string, profile: profile, key: key, messages: messages,
                           creditLicence: derivation, file: file)
    }

    static func stringList(_ value: ConfigValue?) -> [String]? {
        guard let value else { return nil }
        if case .scalar = value.node { return value.string.map { [$0] } }
        return value.sequence?.compactMap(\.string)
    }

    /// The canonical fields of `kinds`, of any kind when nil.
    static func allowedFields(_ kinds: [MessageKind]?) -> Set<String> {
        kinds.map { ks in Set(ks.flatMap { CanonicalFields.byKind[$0]!.keys }) } ?? Set(CanonicalFields.byKind.values.flatMap(\.keys))
    }

    /// Why `name` is refused where `allowed` are the canonical fields of `kinds`, with the closest one as a hint.
    static func notCanonical(_ name: String, allowed: Set<String>, kinds: [MessageKind]?) -> String {
        let scope = kinds.map { "\($0.map(\.rawValue).joined()) messages" } ?? "any message"
        let hint = Suggestion.closest(to: name, in: allowed).map { "; did you mean '\($0)'?" } ?? ""
        return "'\(name)' is not a canonical field of \(scope)\(hint)"
    }

    /// Fields; `kinds` (nil for shared fields) limits which canonical fields are allowed.
    static func readFields(_ map: ConfigMap, kinds: [MessageKind]?, context: MappingContext) -> [FieldSpec] {
        let reader = map.owner.reader
        var out: [FieldSpec] = []
        let allowed = allowedFields(kinds)
        for entry in map.entries {
            guard allowed.contains(entry.key) else {
                reader.problem(notCanonical(entry.key, allowed: allowed, kinds: kinds), line: entry.line)
                continue
            }
            if let f = readField(entry.key, entry.value, line: entry.line, context: context) { out.append(f) }
        }
        return out
    }

    static func readField(_ target: String, _ value: ConfigValue, line: Int?, context: MappingContext) -> FieldSpec? {
        let reader = value.reader
        if case .scalar = value.node {
            guard let name = value.string else { return nil }
            return FieldSpec(target: target, source: .fields([name]), transforms: [], checks: [], when: nil, line: line)
        }
        guard let m = value.mapping(allowed: fieldKeys) else { return nil }
        let sources = [m["from"], m["const"], m["template"]].compactMap { $0 }
        guard sources.count == 1 else {
            reader.problem("'\(target)' needs exactly one of from, const and template", line: line)
            return nil
        }
        let source: FieldSpec.Source
        if let from = m["from"] {
            guard let names = stringList(from), !names.isEmpty else { return nil }
            source = .fields(names)
        } else if let c = m["const"] {
            guard let text = c.string else { return nil }
            source = .constant(text)
        } else {
            guard let text = m["template"]?.string, let parts = parseTemplate(text, line: m["template"]?.line, reader: reader) else { return nil }
            source = .template(parts)
        }
        var transforms: [(String, any Transform)] = []
        for t in m["transforms"]?.sequence ?? [] {
            if let made = readTransform(t, context: context) { transforms.append(made) }
        }
        if let d = m["default"], let text = d.string {
            transforms.append(("default", ClosureTransform { ($0?.isEmpty ?? true) ? text : $0 }))
        }
        let checks = readFieldChecks(m["checks"])
        return FieldSpec(target: target, source: source, transforms: transforms, checks: checks, when: readCondition(m["when"]), line: line)
    }

    static func readTransform(_ value: ConfigValue, context: MappingContext) -> (String, any Transform)? {
        let name: String
        let args: ConfigValue?
        if case .scalar = value.node {
            guard let n = value.string else { return nil }
            name = n
            args = nil
        } else {
            guard let m = value.mapping(), m.entries.count == 1 else {
                value.reader.problem("a transform is a name or {name: arguments}", line: value.line)
                return nil
            }
            name = m.entries[0].key
            args = m.entries[0].value
        }
        guard let entry = TransformRegistry.builtin[name] else {
            let hint = Suggestion.closest(to: name, in: TransformRegistry.names).map { "; did you mean '\($0)'?" } ?? ""
            value.reader.problem("unknown transform '\(name)'\(hint) (transforms: \(TransformRegistry.names.joined(separator: ", ")))", line: value.line)
            return nil
        }
        let before = value.reader.problems.count
        guard let t = entry.make(args, context) else {
            if value.reader.problems.count == before {
                value.reader.problem("transform '\(name)' needs arguments: \(entry.summary)", line: value.line)
            }
            return nil
        }
        return (name, t)
    }

    static func readFieldChecks(_ value: ConfigValue?) -> [FieldCheck] {
        guard let value else { return [] }
        var out: [FieldCheck] = []
        for item in value.sequence ?? [] {
            if case .scalar = item.node, let name = item.string {
                switch name {
                case "required": out.append(.required)
                case "uscc": out.append(.uscc)
                case "id_number": out.append(.idNumber)
                case "phone": out.append(.phone)
                case "date": out.append(.date)
                default:
                    let hint = Suggestion.closest(to: name, in: FieldCheck.names.keys).map { "; did you mean '\($0)'?" } ?? ""
                    item.reader.problem("unknown check '\(name)'\(hint)", line: item.line)
                }
            } else if let m = item.mapping(allowed: ["enum"]), let values = stringList(m.required("enum")) {
                out.append(.oneOf(values))
            }
        }
        return out
    }

    /// Record checks; `kinds` (nil for shared checks) limits which canonical fields they may name.
    static func readChecks(_ value: ConfigValue?, kinds: [MessageKind]?) -> [RecordCheck] {
        guard let value else { return [] }
        var out: [RecordCheck] = []
        let allowed = allowedFields(kinds)
        for item in value.sequence ?? [] {
            guard let m = item.mapping(allowed: ["either_of", "date_order"]) else { continue }
            let unknown = ["either_of", "date_order"].flatMap { stringList(m[$0]) ?? [] }.filter { !allowed.contains($0) }
            guard unknown.isEmpty else {
                for name in unknown {
                    item.reader.problem("check field " + notCanonical(name, allowed: allowed, kinds: kinds), line: item.line)
                }
                continue
            }
            if let fields = stringList(m["either_of"]) {
                guard fields.count >= 2 else {
                    item.reader.problem("'either_of' needs two or more fields", line: item.line)
                    continue
                }
                out.append(.eitherOf(fields))
            }
            if let fields = stringList(m["date_order"]) {
                guard fields.count == 2 else {
                    item.reader.problem("'date_order' needs exactly two fields [FROM, TO]", line: item.line)
                    continue
                }
                out.append(.dateOrder(fields[0], fields[1]))
            }
        }
        return out
    }

    static func readCondition(_ value: ConfigValue?) -> Condition? {
        guard let value, let m = value.mapping(allowed: ["field", "any_of", "contains", "present", "matches"]),
              let field = m.required("field")?.string else { return nil }
        let pattern = m["matches"].flatMap(TextTransforms.compile)
        return Condition(field: field, anyOf: stringList(m["any_of"]), contains: stringList(m["contains"]), present: m["present"]?.bool,
                         matches: pattern)
    }

    static func parseTemplate(_ text: String, line: Int?, reader: ConfigReader) -> [FieldSpec.TemplatePart]? {
        var parts: [FieldSpec.TemplatePart] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            if open > rest.startIndex { parts.append(.text(String(rest[..<open]))) }
            guard let close = rest[open...].firstIndex(of: "}") else {
                reader.problem("template '\(text)' has a '{' without '}'", line: line)
                return nil
            }
            parts.append(.field(String(rest[rest.index(after: open)..<close])))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        return parts
    }
}
