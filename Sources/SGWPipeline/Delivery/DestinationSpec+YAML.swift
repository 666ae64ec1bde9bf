public import Foundation
public import SGWCore

/// Reading destination files, with every problem reported as `FILE:LINE: message`; secrets are `${env:NAME}` and
/// resolved from the environment when the file is read.
extension DestinationSpec {
    static let topKeys: Set<String> = ["name", "description", "platform", "kind", "http", "package", "claims", "retry"]
    static let packageKeys: Set<String> = ["recipients", "outbox", "receipts", "format", "sender", "confirm_within_hours", "period"]
    static let httpKeys: Set<String> = ["url", "batch_url", "batch_size", "concurrency", "timeout_seconds", "auth", "ca_file", "body_template"]
    static let authKeys: Set<String> = ["bearer", "basic", "hmac"]
    static let claimsKeys: Set<String> = ["poll", "interval_seconds"]
    static let retryKeys: Set<String> = ["base_seconds", "max_seconds", "lease_seconds"]

    /// Every `*.yaml` in `folder`, sorted by name.
    /// Relative package folders are resolved against `dataFolder`: packages and receipts are the gateway's working data.
    /// With `resolveSecrets` false (an import only needs the package routes), `${env:…}` values are not looked up.
    public static func loadAll(folder: String, dataFolder: String, resolveSecrets: Bool = true,
                               environment: [String: String] = ProcessInfo.processInfo.environment) -> ([DestinationSpec], [ConfigProblem]) {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
        var specs: [DestinationSpec] = [], problems: [ConfigProblem] = []
        for f in files {
            let path = (folder as NSString).appendingPathComponent(f)
            let (spec, p) = load(path: path, dataFolder: dataFolder, resolveSecrets: resolveSecrets, environment: environment)
            if let spec {
                // Two HTTP destinations on one queue would split its messages between them.
                if let other = specs.first(where: { $0.queue == spec.queue }) {
                    problems.append(.conflict("takes the same deliveries ('\(spec.queue)') as \(other.file); one destination per platform",
                                              file: path))
                } else {
                    specs.append(spec)
                }
            }
            problems += p
        }
        return (specs, problems)
    }

    /// Reads one destination file.
    public static func load(path: String, dataFolder: String, resolveSecrets: Bool = true, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> (DestinationSpec?, [ConfigProblem]) {
        let reader = ConfigReader(file: path)
        guard let root = reader.root(contentsOf: path), let map = root.mapping(allowed: topKeys) else { return (nil, reader.problems) }
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let platform = map.required("platform")?.string
        if let platform, platform != "interaction", platform != "credit" {
            reader.problem("'platform' is interaction or credit (got '\(platform)')", line: map["platform"]?.line)
        }
        let kind = map["kind"]?.string ?? "http"
        if kind != "http", kind != "package" {
            reader.problem("unknown kind '\(kind)' (http, package)", line: map["kind"]?.line)
        }
        func url(_ value: ConfigValue?) -> URL? {
            guard let value, let text = value.string else { return nil }
            guard let u = URL(string: text), u.scheme == "http" || u.scheme == "https", u.host != nil else {
                reader.problem("'\(text)' is not an http or https URL", line: value.line)
                return nil
            }
            return u
        }
        // A maximum too: `inf` or 1e30 would trap where a count or a timeout becomes an Int.
        func number(_ m: ConfigMap, _ key: String, minimum: Double, maximum: Double = 10_000_000) -> Double? {
            guard let v = m[key] else { return nil }
            guard let text = v.string, let d = Double(text), d >= minimum, d <= maximum else {
                let show = { (d: Double) in d == d.rounded() ? String(Int(d)) : String(d) }
                reader.problem("'\(key)' must be a number from \(show(minimum)) to \(show(maximum))", line: v.line)
                return nil
            }
            return d
        }
        func secret(_ value: ConfigValue?) -> String? {
            guard let value, let text = value.string else { return nil }
            guard let match = text.wholeMatch(of: /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/) else {
                reader.problem("a secret is written ${env:NAME}, never in the file", line: value.line)
                return nil
            }
            guard resolveSecrets else { return "" }
            guard let resolved = environment[String(match.1)], !resolved.isEmpty else {
                reader.problem("the environment variable \(match.1) is not set", line: value.line)
                return nil
            }
            return resolved
        }
        var spec = DestinationSpec(name: name, platform: platform ?? "", url: URL(string: "http://127.0.0.1")!, file: path)
        if kind == "package" {
            spec.package = readPackage(map, reader: reader, base: dataFolder)
            if map["http"] != nil { reader.problem("'http' does not apply to a package destination", line: map["http"]?.line) }
            if platform != "interaction" { reader.problem("offline packages carry interaction-platform messages (platform: interaction)", line: map["platform"]?.line) }
        } else if let http = map.required("http")?.mapping(allowed: httpKeys) {
            spec.url = url(http.required("url")) ?? spec.url
            spec.batchURL = url(http["batch_url"])
            if let n = number(http, "batch_size", minimum: 1, maximum: 10_000) { spec.batchSize = Int(n) }
            if spec.batchSize > 1, spec.batchURL == nil { reader.problem("'batch_size' above 1 needs a 'batch_url'", line: http["batch_size"]?.line) }
            if let n = number(http, "concurrency", minimum: 1, maximum: 1_000) { spec.concurrency = Int(n) }
            if let n = number(http, "timeout_seconds", minimum: 0.1) { spec.timeoutSeconds = n }
            spec.caFile = http["ca_file"]?.string
            if let ca = spec.caFile, !FileManager.default.fileExists(atPath: ca) {
                reader.problem("no CA file at \(ca)", line: http["ca_file"]?.line)
            }
            if let template = http["body_template"]?.string {
                spec.bodyTemplate = template
                if let problem = BodyTemplate.check(template) { reader.problem("'body_template': \(problem)", line: http["body_template"]?.line) }
                // A batch answer names each message by its id; a template may rename it, so the two do not mix.
                if spec.batchSize > 1 { reader.problem("'body_template' works with batch_size 1 only", line: http["body_template"]?.line) }
            }
            if let auth = http["auth"]?.mapping(allowed: authKeys) {
                if auth["bearer"] != nil {
                    spec.authentication = secret(auth["bearer"]).map { .bearer(token: $0) } ?? .none
                } else if let basic = auth["basic"]?.mapping(allowed: ["user", "password"]) {
                    if let user = basic.required("user")?.string, let password = secret(basic.required("password")) {
                        spec.authentication = .basic(user: user, password: password)
                    }
                } else if let hmac = auth["hmac"]?.mapping(allowed: ["key_id", "secret"]) {
                    if let keyID = hmac.required("key_id")?.string, let s = secret(hmac.required("secret")) {
                        spec.authentication = .hmac(keyID: keyID, secret: s)
                    }
                }
            }
        }
        if let claims = map["claims"]?.mapping(allowed: claimsKeys) {
            spec.claimsURL = url(claims.required("poll"))
            if let n = number(claims, "interval_seconds", minimum: 0.1) { spec.claimsIntervalSeconds = n }
        }
        if let retry = map["retry"]?.mapping(allowed: retryKeys) {
            if let n = number(retry, "base_seconds", minimum: 0.01) { spec.retry.baseDelay = n }
            if let n = number(retry, "max_seconds", minimum: 0.01) { spec.retry.maximumDelay = n }
            if let n = number(retry, "lease_seconds", minimum: 1) { spec.retry.leaseDuration = n }
        }
        if spec.package != nil { spec.retry.leaseDuration = spec.package!.confirmWithinSeconds }
        return reader.problems.isEmpty ? (spec, []) : (nil, reader.problems)
    }

    static func readPackage(_ map: ConfigMap, reader: ConfigReader, base: String) -> PackageSettings? {
        guard let m = map.required("package")?.mapping(allowed: packageKeys) else { return nil }
        let recipients = m.required("recipients")?.sequence?.compactMap(\.string) ?? []
        if recipients.isEmpty, m["recipients"] != nil { reader.problem("'recipients' lists the supervising departments served", line: m["recipients"]?.line) }
        func folder(_ key: String) -> String? {
            guard let p = m.required(key)?.string else { return nil }
            return p.hasPrefix("/") ? p : (base as NSString).appendingPathComponent(p)
        }
        var format = PackageSettings.Format.csvGBK
        if let f = m["format"]?.string {
            if let known = PackageSettings.Format(rawValue: f) { format = known } else {
                reader.problem("unknown format '\(f)' (\(PackageSettings.Format.allCases.map(\.rawValue).joined(separator: ", ")))", line: m["format"]?.line)
            }
        }
        var hours = 24.0
        if let v = m["confirm_within_hours"] {
            if let h = v.string.flatMap(Double.init), h > 0 { hours = h } else { reader.problem("'confirm_within_hours' must be a positive number", line: v.line) }
        }
        var period: PackageSettings.Period?
        if let p = m["period"]?.string {
            period = PackageSettings.Period(rawValue: p)
            if period == nil {
                reader.problem("'period' must be \(PackageSettings.Period.allCases.map(\.rawValue).joined(separator: ", ")) (got '\(p)')",
                               line: m["period"]?.line)
            }
        }
        guard let outbox = folder("outbox"), let receipts = folder("receipts"), let sender = m.required("sender")?.string else { return nil }
        return PackageSettings(recipients: recipients, outbox: outbox, receipts: receipts, format: format, sender: sender,
                               confirmWithinSeconds: hours * 3600, period: period)
    }
}
