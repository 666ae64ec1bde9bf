public import Foundation
public import SGWMapping
import SGWCore

/// An `http-poll` adapter's `http:` block, read from the adapter's settings with its secrets from the environment
/// (keys in docs/operations.md, "Connect a polled API").
public struct PollSettings: Sendable {
    /// How pages follow each other.
    public enum Pagination: Sendable, Equatable {
        /// `page_param` = 1, 2, 3 … (`first_page`), `size_param` = size.
        case page(param: String, first: Int)
        /// `offset_param` = 0, size, 2 × size …
        case offset(param: String)
        /// `cursor_param` = the value at `cursor_path` of the last page; the first page has none.
        case cursor(param: String, path: String)
        /// The URL at `next_path` of the last page.
        case nextLink(path: String)
        /// One request is the whole answer.
        case none
    }

    /// How requests prove who sends them.
    public enum Authentication: Sendable {
        /// None.
        case none
        /// `Authorization: Bearer TOKEN`.
        case bearer(String)
        /// HTTP basic.
        case basic(user: String, password: String)
        /// A static key in a header.
        case apiKey(header: String, key: String)
        /// A token fetched from a login endpoint, sent as `header: prefix + token`, fetched again when it expires or a
        /// request is answered `401`.
        case login(Login)
    }

    /// A login endpoint.
    public struct Login: Sendable {
        /// Where to log in (POST).
        public var url: URL
        /// The login body (JSON), secrets resolved.
        public var body: String
        /// Where the token is in the answer (`data.token`).
        public var tokenPath: String
        /// Where its lifetime in seconds is, when the answer says (`data.expiresIn`).
        public var expiresPath: String?
        /// The header that carries it, and what precedes the token.
        public var header: String, prefix: String
    }

    /// The first page's URL (query parameters from `query` added).
    public var url: URL
    /// `GET` or `POST`.
    public var method: String
    /// The body of a `POST`, a JSON object whose members the paging and watermark parameters are added to.
    public var body: String?
    /// Extra headers.
    public var headers: [String: String]
    /// Seconds between polls when `cron` is not given.
    public var interval: TimeInterval
    /// A cron schedule (five fields), instead of the interval.
    public var cron: CronSchedule?
    /// A request's timeout in seconds.
    public var timeout: TimeInterval
    /// The pagination.
    public var pagination: Pagination
    /// The page size asked for (`size_param`), when the API takes one.
    public var sizeParam: String?, size: Int
    /// Where the total number of records is (`data.total`): paging stops once that many were read.
    public var totalPath: String?
    /// The incremental watermark: the parameter that sends it, and the record field whose greatest value it is.
    public var watermarkParam: String?, watermarkField: String?, watermarkInitial: String?
    /// An answer is only a success when the value at `successPath` is one of `successValues` (a `{"code":"500"}`
    /// inside a `200` is an error).
    public var successPath: String?, successValues: [String]
    /// The authentication.
    public var authentication: Authentication
    /// At most this many requests a second to the source.
    public var requestsPerSecond: Double
    /// The longest wait between retries of a failing source.
    public var maxBackoff: TimeInterval
    /// The largest answer taken.
    public var maxPageBytes: Int

    /// Why the settings cannot serve.
    public struct Problem: Error, CustomStringConvertible {
        /// The reason, naming the adapter file and key.
        public var description: String
    }

    /// The settings of `adapter`, secrets from `environment`.
    public init(adapter: AdapterSpec, environment: [String: String] = ProcessInfo.processInfo.environment) throws(Problem) {
        let s = adapter.settings
        let file = adapter.file
        func resolve(_ key: String) throws(Problem) -> String? {
            guard let value = s[key] else { return nil }
            var out = value
            for match in value.matches(of: /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/).reversed() {
                guard let resolved = environment[String(match.1)], !resolved.isEmpty else {
                    throw Problem(description: "\(file): http.\(key): the environment variable \(match.1) is not set")
                }
                out.replaceSubrange(match.range, with: resolved)
            }
            return out
        }
        func seconds(_ key: String, _ fallback: TimeInterval) throws(Problem) -> TimeInterval {
            guard let text = s[key] else { return fallback }
            guard let v = DurationText.seconds(text), v > 0 else {
                throw Problem(description: "\(file): http.\(key): '\(text)' is not a duration (30s, 15m, 1h)")
            }
            return v
        }
        func int(_ key: String, _ fallback: Int) throws(Problem) -> Int {
            guard let text = s[key] else { return fallback }
            guard let v = Int(text), v >= 0 else { throw Problem(description: "\(file): http.\(key): '\(text)' is not a whole number") }
            return v
        }
        guard let base = s["url"].flatMap(URL.init(string:)), base.host != nil else {
            throw Problem(description: "\(file): http.url is not an http or https URL")
        }
        var components = URLComponents(url: base, resolvingAgainstBaseURL: false)!
        let extra = s.filter { $0.key.hasPrefix("query.") }.sorted { $0.key < $1.key }
        if !extra.isEmpty {
            var items = components.queryItems ?? []
            for (k, _) in extra { items.append(URLQueryItem(name: String(k.dropFirst(6)), value: try resolve(k))) }
            components.queryItems = items
        }
        url = components.url!
        method = (s["method"] ?? "GET").uppercased()
        guard method == "GET" || method == "POST" else { throw Problem(description: "\(file): http.method is GET or POST") }
        body = try resolve("body")
        var headers: [String: String] = [:]
        for (k, _) in s where k.hasPrefix("headers.") { headers[String(k.dropFirst(8))] = try resolve(k) }
        self.headers = headers
        interval = try seconds("interval", 900)
        cron = try s["cron"].map { (text) throws(Problem) -> CronSchedule in
            guard let c = CronSchedule(text) else { throw Problem(description: "\(file): http.cron: '\(text)' is not a five-field cron schedule") }
            return c
        }
        timeout = try seconds("timeout", 30)
        sizeParam = s["pagination.size_param"]
        size = try int("pagination.size", 100)
        totalPath = s["pagination.total_path"]
        switch s["pagination.kind"] ?? (s["pagination.page_param"] != nil ? "page" : s["pagination.offset_param"] != nil ? "offset"
                                            : s["pagination.cursor_param"] != nil ? "cursor" : s["pagination.next_path"] != nil ? "next-link" : "none") {
        case "page": pagination = .page(param: s["pagination.page_param"] ?? "page", first: try int("pagination.first_page", 1))
        case "offset": pagination = .offset(param: s["pagination.offset_param"] ?? "offset")
        case "cursor":
            guard let path = s["pagination.cursor_path"] else { throw Problem(description: "\(file): cursor pagination needs http.pagination.cursor_path") }
            pagination = .cursor(param: s["pagination.cursor_param"] ?? "cursor", path: path)
        case "next-link":
            guard let path = s["pagination.next_path"] else { throw Problem(description: "\(file): next-link pagination needs http.pagination.next_path") }
            pagination = .nextLink(path: path)
        case "none": pagination = .none
        case let other: throw Problem(description: "\(file): http.pagination.kind '\(other)' (page, offset, cursor, next-link, none)")
        }
        watermarkParam = s["watermark.param"]
        watermarkField = s["watermark.field"]
        watermarkInitial = s["watermark.initial"]
        if (watermarkParam == nil) != (watermarkField == nil) {
            throw Problem(description: "\(file): http.watermark needs both 'param' (sent) and 'field' (read from each record)")
        }
        successPath = s["success.path"]
        successValues = (s["success.values"] ?? s["success.value"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        if successPath != nil, successValues.isEmpty { throw Problem(description: "\(file): http.success.path needs http.success.values") }
        if let token = try resolve("auth.bearer") {
            authentication = .bearer(token)
        } else if let user = try resolve("auth.basic.user") {
            authentication = .basic(user: user, password: try resolve("auth.basic.password") ?? "")
        } else if let key = try resolve("auth.api_key") {
            authentication = .apiKey(header: s["auth.api_key_header"] ?? "X-API-Key", key: key)
        } else if let login = s["auth.login.url"] {
            guard let loginURL = URL(string: login), loginURL.host != nil else { throw Problem(description: "\(file): http.auth.login.url is not a URL") }
            authentication = .login(Login(url: loginURL, body: try resolve("auth.login.body") ?? "{}",
                                          tokenPath: s["auth.login.token_path"] ?? "token", expiresPath: s["auth.login.expires_path"],
                                          header: s["auth.login.header"] ?? "Authorization", prefix: s["auth.login.prefix"] ?? "Bearer "))
        } else {
            authentication = .none
        }
        requestsPerSecond = s["rate_limit"].flatMap(Double.init) ?? 5
        guard requestsPerSecond > 0 else { throw Problem(description: "\(file): http.rate_limit is requests a second, above 0") }
        maxBackoff = try seconds("max_backoff", 600)
        maxPageBytes = try int("max_page_bytes", 16 << 20)
    }
}
