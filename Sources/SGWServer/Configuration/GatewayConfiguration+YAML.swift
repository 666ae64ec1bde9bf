public import Foundation
public import SGWCore

/// Reading `gateway.yaml`, every problem reported as `FILE:LINE: message`.
extension GatewayConfiguration {
    static let topKeys: Set<String> = ["listen", "data", "schedules", "delivery", "platform_url", "callback_token", "metrics", "log_level", "reports"]
    static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]

    /// The gateway file in `folder` (`gateway.yaml`), or the defaults when there is none.
    public static func load(folder: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> (GatewayConfiguration, [ConfigProblem]) {
        let path = (folder as NSString).appendingPathComponent("gateway.yaml")
        guard FileManager.default.fileExists(atPath: path) else { return (GatewayConfiguration(), []) }
        return load(path: path, environment: environment)
    }

    /// Reads the gateway file at `path`.
    public static func load(path: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> (GatewayConfiguration, [ConfigProblem]) {
        var c = GatewayConfiguration()
        c.file = path
        let reader = ConfigReader(file: path)
        guard let root = reader.root(contentsOf: path) else { return (c, reader.problems) }
        if root.isNull { return (c, []) }  // an empty file: the defaults
        guard let map = root.mapping(allowed: topKeys) else { return (c, reader.problems) }
        func seconds(_ value: ConfigValue?) -> TimeInterval? {
            guard let value, let text = value.string else { return nil }
            guard let s = DurationText.seconds(text), s > 0 else {
                reader.problem("'\(text)' is not a duration (30s, 5m, 1h)", line: value.line)
                return nil
            }
            return s
        }
        if let listen = map["listen"]?.mapping(allowed: ["host", "port"]) {
            if let host = listen["host"]?.string { c.listen.host = host }
            if let port = listen["port"] {
                if let n = port.int {
                    if (0...65535).contains(n) { c.listen.port = n } else { reader.problem("'port' is 0 to 65535", line: port.line) }
                }
            }
        }
        if let data = map["data"]?.string { c.data = data }
        if let s = map["schedules"]?.mapping(allowed: ["inbox_scan", "gauges"]) {
            if let v = seconds(s["inbox_scan"]) { c.schedules.inboxScanSeconds = v }
            if let v = seconds(s["gauges"]) { c.schedules.gaugesSeconds = v }
        }
        if let r = map["reports"] {
            c.reports = readReports(r, reader: reader, seconds: seconds)
        }
        if let d = map["delivery"] {
            if let b = d.bool { c.delivery = b }
        }
        if let m = map["metrics"] {
            if let b = m.bool { c.metrics = b }
        }
        if let u = map["platform_url"], let text = u.string {
            if let url = URL(string: text), url.scheme?.hasPrefix("http") == true, url.host != nil { c.platformURL = url } else {
                reader.problem("'platform_url' must be an http or https URL", line: u.line)
            }
        }
        if let t = map["callback_token"], let text = t.string {
            if let name = text.wholeMatch(of: /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/)?.1 {
                if let v = environment[String(name)], !v.isEmpty { c.callbackToken = v } else {
                    reader.problem("the environment variable \(name) is not set", line: t.line)
                }
            } else {
                reader.problem("'callback_token' is a secret: write it as ${env:NAME}", line: t.line)
            }
        }
        if let l = map["log_level"], let text = l.string {
            if logLevels.contains(text) { c.logLevel = text } else {
                reader.problem("'log_level' is one of \(logLevels.joined(separator: ", "))", line: l.line)
            }
        }
        let loopback = ["127.0.0.1", "::1", "localhost"].contains(c.listen.host)
        if !loopback, c.callbackToken == nil {
            reader.problem("listening on \(c.listen.host) exposes the claims callback: set callback_token", line: map["listen"]?.line)
        }
        return (c, reader.problems)
    }
}
