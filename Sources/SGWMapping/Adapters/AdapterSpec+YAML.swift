import Foundation
public import SGWCore
import SGWFormats

/// Reading an adapter file, with every problem reported as `FILE:LINE: message`.
extension AdapterSpec {
    static let topKeys: Set<String> = ["name", "description", "kind", "format", "mapping", "profile", "file", "http", "webhook"]
    static let fileKeys: Set<String> = ["inbox", "pattern", "ready_marker", "quiet_seconds"]
    static let httpKeys: Set<String> = ["url", "method", "headers", "query", "body", "auth", "interval", "cron", "timeout",
                                        "pagination", "watermark", "success", "rate_limit", "max_backoff", "max_page_bytes"]
    static let webhookKeys: Set<String> = ["path", "secret", "api_key", "api_key_header", "max_body_bytes", "tolerance_seconds"]
    static let authKeys: Set<String> = ["bearer", "basic", "api_key", "api_key_header", "login"]
    static let paginationKeys: Set<String> = ["kind", "page_param", "first_page", "size_param", "size", "offset_param",
                                              "cursor_param", "cursor_path", "next_path", "total_path"]
    /// Keys whose values are secrets: they must be written `${env:NAME}`.
    static let secretKeys: Set<String> = ["token", "password", "secret", "api_key", "bearer"]

    /// Reads `path`; `mappings` are the mapping names that exist.
    public static func load(path: String, mappings: Set<String>) -> (AdapterSpec?, [ConfigProblem]) {
        let reader = ConfigReader(file: path)
        guard let root = reader.root(contentsOf: path), let map = root.mapping(allowed: topKeys) else { return (nil, reader.problems) }
        let fileName = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let name = map["name"]?.string ?? fileName
        if name != fileName {
            reader.problem("'name' is '\(name)' but the file is \(fileName).yaml; commands find adapters by file name", line: map["name"]?.line)
        }
        var kind: Kind?
        if let k = map.required("kind")?.string {
            kind = Kind(rawValue: k)
            if kind == nil { reader.problem("unknown kind '\(k)' (file, http-poll, webhook)", line: map["kind"]?.line) }
        }
        let mapping = map.required("mapping")?.string
        if let mapping, !mappings.contains(mapping) {
            let hint = Suggestion.closest(to: mapping, in: mappings).map { "; did you mean '\($0)'?" } ?? ""
            reader.problem("no mapping '\(mapping)' (mappings/\(mapping).yaml)\(hint)", line: map["mapping"]?.line)
        }
        let format = map.required("format").flatMap(readFormat)
        var settings: [String: String] = [:]
        if let kind {
            let (blockName, allowed): (String, Set<String>) = switch kind {
            case .file: ("file", fileKeys)
            case .httpPoll: ("http", httpKeys)
            case .webhook: ("webhook", webhookKeys)
            }
            for other in ["file", "http", "webhook"] where other != blockName && map[other] != nil {
                reader.problem("'\(other)' does not apply to a \(kind.rawValue) adapter (use '\(blockName)')", line: map[other]?.line)
            }
            if let block = map.required(blockName)?.mapping(allowed: allowed) {
                flatten(block, prefix: "", into: &settings)
                switch kind {
                case .file: _ = block.required("inbox")
                case .httpPoll:
                    if let url = block.required("url")?.string, URL(string: url)?.scheme?.hasPrefix("http") != true {
                        reader.problem("'http.url' must be an http or https URL", line: block["url"]?.line)
                    }
                    _ = block["auth"]?.mapping(allowed: authKeys)
                    _ = block["pagination"]?.mapping(allowed: paginationKeys)
                    _ = block["watermark"]?.mapping(allowed: ["param", "field", "initial"])
                    _ = block["success"]?.mapping(allowed: ["path", "value", "values"])
                case .webhook:
                    if let p = block.required("path")?.string, !p.hasPrefix("/") {
                        reader.problem("'webhook.path' must start with /", line: block["path"]?.line)
                    }
                    if block["secret"] == nil, block["api_key"] == nil {
                        reader.problem("a webhook needs 'secret' (Standard Webhooks signatures, whsec_…) or 'api_key' (a static key "
                                       + "header, for systems that cannot sign)", line: map["webhook"]?.line)
                    }
                }
            }
        }
        if let kind, kind != .file, case .xlsx? = format {
            reader.problem("a \(kind.rawValue) adapter reads json, jsonl, xml or csv bodies; xlsx is read from files only",
                           line: map["format"]?.line)
        }
        guard reader.problems.isEmpty, let kind, let format, let mapping else { return (nil, reader.problems) }
        return (AdapterSpec(name: name, description: map["description"]?.string, kind: kind, format: format, mapping: mapping,
                            profile: map["profile"]?.string, settings: settings, file: path,
                            inboxLine: kind == .file ? map["file"]?.mapping()?["inbox"]?.line : nil), [])
    }

    /// Flattens a settings block into dotted keys, checking that secrets are environment references.
    static func flatten(_ map: ConfigMap, prefix: String, into out: inout [String: String]) {
        for e in map.entries {
            let key = prefix.isEmpty ? e.key : "\(prefix).\(e.key)"
            if case .mapping = e.value.node, let inner = e.value.mapping() {
                flatten(inner, prefix: key, into: &out)
                continue
            }
            guard let v = e.value.string else { continue }
            if secretKeys.contains(e.key), !v.isEmpty, !isEnvReference(v) {
                e.value.reader.problem("'\(key)' is a secret: write it as ${env:NAME} and set NAME in the environment", line: e.line)
            }
            if v.contains("${"), !isEnvReference(v), v.range(of: #"\$\{env:[A-Za-z_][A-Za-z0-9_]*\}"#, options: .regularExpression) == nil {
                e.value.reader.problem("'\(key)': a reference is written ${env:NAME}", line: e.line)
            }
            out[key] = v
        }
    }

    static func isEnvReference(_ v: String) -> Bool { v.range(of: #"^\$\{env:[A-Za-z_][A-Za-z0-9_]*\}$"#, options: .regularExpression) != nil }

    static let csvKeys: Set<String> = ["type", "encoding", "delimiter", "header_row", "max_record_bytes"]
    static let xmlKeys: Set<String> = ["type", "record_path", "max_depth", "max_record_bytes", "max_attributes", "max_tag_bytes"]
    static let jsonKeys: Set<String> = ["type", "records", "max_document_bytes", "max_depth", "max_members", "max_elements",
                                        "max_value_bytes"]
    static let xlsxKeys: Set<String> = ["type", "sheet", "header_row", "max_entry_bytes", "max_shared_strings",
                                        "max_shared_strings_bytes"]

    /// A whole number of at least 1 at `key`, or nil (with a problem when it is there but not positive).
    static func positive(_ m: ConfigMap, _ key: String) -> Int? {
        guard let value = m[key], let n = value.int else { return nil }
        guard n >= 1 else {
            value.reader.problem("'\(key)' must be 1 or more (got \(n))", line: value.line)
            return nil
        }
        return n
    }

    static func readFormat(_ value: ConfigValue) -> Format? {
        guard let typeName = value.mapping()?["type"]?.string else {
            value.reader.problem("'format' needs a 'type': csv, xml, json, jsonl or xlsx", line: value.line)
            return nil
        }
        let reader = value.reader
        switch typeName {
        case "csv":
            guard let m = value.mapping(allowed: csvKeys) else { return nil }
            var f = CSVFormat()
            if let e = m["encoding"]?.string {
                guard let enc = TextEncoding(name: e) else {
                    reader.problem("unknown encoding '\(e)' (utf-8, utf-8-bom, gbk, gb18030, auto)", line: m["encoding"]?.line)
                    return nil
                }
                f.encoding = enc
            }
            if let d = m["delimiter"]?.string {
                let byte: UInt8? = d == "\\t" || d == "\t" ? 0x09 : (d.utf8.count == 1 ? d.utf8.first : nil)
                guard let byte, byte != UInt8(ascii: "\""), byte != 0x0A, byte != 0x0D else {
                    reader.problem("'delimiter' must be one ASCII character other than a quote or line break", line: m["delimiter"]?.line)
                    return nil
                }
                f.delimiter = byte
            }
            if let h = m["header_row"]?.int {
                guard h >= 1 else { reader.problem("'header_row' must be 1 or more", line: m["header_row"]?.line); return nil }
                f.headerRow = h
            }
            if let b = positive(m, "max_record_bytes") { f.maxRecordBytes = b }
            return .csv(f)
        case "xml":
            guard let m = value.mapping(allowed: xmlKeys), let path = m.required("record_path")?.string else { return nil }
            var f = XMLFormat(recordPath: path)
            if let d = positive(m, "max_depth") { f.maxDepth = d }
            if let b = positive(m, "max_record_bytes") { f.maxRecordBytes = b }
            if let n = positive(m, "max_attributes") { f.maxAttributes = n }
            if let b = positive(m, "max_tag_bytes") { f.maxTagBytes = b }
            return .xml(f)
        case "json", "jsonl":
            guard let m = value.mapping(allowed: jsonKeys) else { return nil }
            var f = JSONFormat(recordsPath: m["records"]?.string ?? "", lines: typeName == "jsonl")
            do {
                _ = try JSONRecordsPath(f.recordsPath)
            } catch {
                reader.problem("'records': \(error.message)", line: m["records"]?.line)
                return nil
            }
            if let b = positive(m, "max_document_bytes") { f.maxDocumentBytes = b }
            if let d = positive(m, "max_depth") {
                // Records are built by recursion, one level a nesting: the limit keeps that far from the stack's end.
                guard d <= 512 else { reader.problem("'max_depth' must be 512 or less", line: m["max_depth"]?.line); return nil }
                f.maxDepth = d
            }
            if let n = positive(m, "max_members") { f.maxMembers = n }
            if let n = positive(m, "max_elements") { f.maxElements = n }
            if let b = positive(m, "max_value_bytes") { f.maxValueBytes = b }
            return .json(f)
        case "xlsx":
            guard let m = value.mapping(allowed: xlsxKeys) else { return nil }
            var f = XLSXFormat()
            f.sheet = m["sheet"]?.string
            if let h = positive(m, "header_row") { f.headerRow = h }
            if let b = positive(m, "max_entry_bytes") { f.maxEntryBytes = b }
            if let n = positive(m, "max_shared_strings") { f.maxSharedStrings = n }
            if let b = positive(m, "max_shared_strings_bytes") { f.maxSharedStringsBytes = b }
            return .xlsx(f)
        default:
            reader.problem("unknown format type '\(typeName)' (csv, xml, json, jsonl, xlsx)", line: value.mapping()?["type"]?.line)
            return nil
        }
    }
}
