public import AsyncHTTPClient
public import Foundation
public import Logging
import NIOCore
import NIOHTTP1
import SGWCore
import SGWFormats
import SGWMapping
import SGWPipeline
public import SGWStore
import Synchronization

/// Polls one `http-poll` adapter's API: runs page by page through the pagination, asking from the stored watermark,
/// and stores each page's records with the poll state that follows them in one transaction (`IntakeStore.intake`),
/// so that a poller restarted or killed mid-run neither misses nor repeats a record. A page that is not a good
/// answer (an error status, an HTML page, a body the format cannot read, a success code that says otherwise) fails
/// the run: nothing of it is stored, and the run is tried again after a backoff.
public final class HTTPPoller: Sendable {
    /// The adapter's settings.
    public let settings: PollSettings
    let intake: RecordIntake
    let store: any IntakeStore
    let http: HTTPClient
    let logger: Logger
    /// What it counts.
    public let events: SourceEvents
    private let session = Mutex(Session())

    struct Session {
        var token: String?
        var tokenExpires: Date?
        var lastRequest: Date?
    }

    /// Why a poll failed.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong, with the URL.
        public var description: String
        /// How long the source asked us to wait (`Retry-After`).
        public var retryAfter: TimeInterval?
    }

    /// What one run read and stored.
    public struct RunSummary: Sendable, CustomStringConvertible {
        /// Pages fetched, records read, and of them rejected and skipped.
        public var pages = 0, records = 0, rejected = 0, skipped = 0
        /// What storing the other records did.
        public var stored = IngestCounts()
        /// The watermark after the run.
        public var watermark: String?

        public var description: String {
            "pages \(pages), records \(records), accepted \(stored.accepted) (\(stored.acceptedMessages) messages), "
                + "duplicates \(stored.duplicates), updated \(stored.updated) (\(stored.updatedMessages) messages), rejected \(rejected)"
                + (skipped > 0 ? ", skipped \(skipped)" : "")
                + (watermark.map { ", watermark \($0)" } ?? "")
        }
    }

    /// A poller of `intake.adapter` with `settings`, storing into `store`, requesting through `http`.
    public init(settings: PollSettings, intake: RecordIntake, store: any IntakeStore, http: HTTPClient, logger: Logger) {
        self.settings = settings
        self.intake = intake
        self.store = store
        self.http = http
        self.logger = logger
        events = SourceEvents(adapter: intake.adapter.name)
    }

    /// The adapter's name.
    public var adapter: String { intake.adapter.name }

    // MARK: One run

    /// Reads every page from where the stored state stands to the end of the pagination.
    public func runOnce(now: @escaping @Sendable () -> Date = { Date() }) async throws -> RunSummary {
        let adapter = self.adapter, store = self.store
        var state = PollState(stored: try await blockingCall { try store.watermark(adapter: adapter) })
        var run = state.run ?? PollState.Run(since: state.watermark ?? settings.watermarkInitial, next: firstPosition, pages: 0,
                                             records: 0, greatest: nil)
        var summary = RunSummary()
        while true {
            try Task.checkCancellation()
            let url = try pageURL(position: run.next, since: run.since)
            let body = try await fetch(url, body: try requestBody(position: run.next, since: run.since))
            if let path = settings.successPath {
                let code = PageDocument.value(at: path, in: body, format: intake.adapter.format)
                guard let code, settings.successValues.contains(code) else {
                    throw Failure(description: "\(url): the answer's \(path) is \(code.map { "'\($0)'" } ?? "missing"), not "
                                  + settings.successValues.map { "'\($0)'" }.joined(separator: " or ") + "; nothing stored")
                }
            }
            let intake = self.intake
            let source = url.absoluteString
            let mapped: RecordIntake.Mapped
            do {
                mapped = try await blockingCall { () throws(FormatError) -> RecordIntake.Mapped in
                    try intake.map(body, source: source, receivedAt: now(), allowEmpty: true)
                }
            } catch {
                throw Failure(description: "\(url): the answer cannot be read as \(intake.adapter.format.name): \(error); nothing stored")
            }
            if let kept = mapped.rejectsFile { logger.notice("poll \(adapter): \(mapped.batch.rejected) records of \(url) rejected, kept in \(kept)") }
            let count = mapped.batch.rows
            run.pages += 1
            run.records += count
            run.greatest = PollState.greater(run.greatest, greatestWatermark(in: body))
            let next = nextPosition(after: run.next, count: count, body: body, url: url, pagesRead: run.pages)
            if let next {
                run.next = next
                state.run = run
            } else {
                state = PollState(watermark: PollState.greater(state.watermark, run.greatest) ?? run.since, run: nil)
            }
            let stateText = state.text
            summary.pages += 1
            summary.records += count
            if count > 0 {
                var batch = mapped.batch
                batch.watermark = stateText
                let pageBatch = batch
                let result = try await blockingCall { try store.intake([pageBatch], at: now()) }[0]
                summary.rejected += batch.rejected
                summary.skipped += batch.skipped
                summary.stored += result.counts
                events.stored(result.counts, rejected: batch.rejected, skipped: batch.skipped)
            } else {
                try await blockingCall { try store.setWatermark(adapter: adapter, to: stateText, at: now()) }
            }
            if next == nil {
                summary.watermark = state.watermark
                return summary
            }
        }
    }

    var firstPosition: String {
        switch settings.pagination {
        case .page(_, let first): String(first)
        case .offset: "0"
        case .cursor, .none: ""
        case .nextLink: settings.url.absoluteString
        }
    }

    /// Where the page after `position` is, or nil when the run is over.
    func nextPosition(after position: String, count: Int, body: [UInt8], url: URL, pagesRead: Int) -> String? {
        let format = intake.adapter.format
        let total = settings.totalPath.flatMap { PageDocument.value(at: $0, in: body, format: format) }.flatMap { Int($0) }
        switch settings.pagination {
        case .none:
            return nil
        case .page(_, let first):
            guard count > 0, let page = Int(position) else { return nil }
            if let total { return (page - first + 1) * settings.size >= total ? nil : String(page + 1) }
            return count < settings.size ? nil : String(page + 1)
        case .offset:
            guard count > 0, let offset = Int(position) else { return nil }
            if let total { return offset + count >= total ? nil : String(offset + count) }
            return count < settings.size ? nil : String(offset + count)
        case .cursor(_, let path):
            guard count > 0, let cursor = PageDocument.value(at: path, in: body, format: format), !cursor.isEmpty,
                  cursor != position else { return nil }
            return cursor
        case .nextLink(let path):
            guard let link = PageDocument.value(at: path, in: body, format: format), !link.isEmpty,
                  let next = URL(string: link, relativeTo: url)?.absoluteURL, next != url else { return nil }
            return next.absoluteString
        }
    }

    /// The greatest value of the watermark field among the page's records.
    func greatestWatermark(in body: [UInt8]) -> String? {
        guard let field = settings.watermarkField, var reader = try? intake.adapter.reader(bytes: body, name: "page") else { return nil }
        var greatest: String?
        while let result = try? reader.next() {
            if case .record(let r) = result { greatest = PollState.greater(greatest, r[field]) }
        }
        return greatest
    }

    /// The parameters a page is asked with: paging and the watermark.
    func parameters(position: String, since: String?) -> [(String, String)] {
        var out: [(String, String)] = []
        switch settings.pagination {
        case .page(let p, _): out.append((p, position))
        case .offset(let p): out.append((p, position))
        case .cursor(let p, _): if !position.isEmpty { out.append((p, position)) }
        case .nextLink, .none: break
        }
        if let size = settings.sizeParam { out.append((size, String(settings.size))) }
        if let param = settings.watermarkParam, let since, !since.isEmpty { out.append((param, since)) }
        return out
    }

    func pageURL(position: String, since: String?) throws -> URL {
        if case .nextLink = settings.pagination, let url = URL(string: position) { return url }
        guard settings.method == "GET" else { return settings.url }
        var components = URLComponents(url: settings.url, resolvingAgainstBaseURL: false)!
        components.queryItems = (components.queryItems ?? []) + parameters(position: position, since: since).map { URLQueryItem(name: $0.0, value: $0.1) }
        guard let url = components.url else { throw Failure(description: "\(settings.url): cannot add the paging parameters") }
        return url
    }

    func requestBody(position: String, since: String?) throws -> [UInt8]? {
        guard settings.method == "POST" else { return nil }
        var object = (try? JSONSerialization.jsonObject(with: Data((settings.body ?? "{}").utf8))) as? [String: Any] ?? [:]
        for (k, v) in parameters(position: position, since: since) { object[k] = Int(v).map { $0 as Any } ?? v }
        return Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    // MARK: HTTP

    /// Fetches `url`, after the rate limit's wait, with the adapter's authentication; a `401` under a login token
    /// fetches a new token and asks once more.
    func fetch(_ url: URL, body: [UInt8]?, retried: Bool = false) async throws -> [UInt8] {
        let wait = session.withLock { s -> TimeInterval in
            let now = Date()
            let earliest = (s.lastRequest ?? .distantPast).addingTimeInterval(1 / settings.requestsPerSecond)
            s.lastRequest = max(now, earliest)
            return earliest.timeIntervalSince(now)
        }
        if wait > 0 { try await Task.sleep(for: .milliseconds(Int(wait * 1000))) }
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = settings.method == "POST" ? .POST : .GET
        for (k, v) in settings.headers { request.headers.add(name: k, value: v) }
        if let body {
            request.headers.replaceOrAdd(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        switch settings.authentication {
        case .none: break
        case .bearer(let token): request.headers.replaceOrAdd(name: "Authorization", value: "Bearer \(token)")
        case .basic(let user, let password):
            request.headers.replaceOrAdd(name: "Authorization", value: "Basic " + Data("\(user):\(password)".utf8).base64EncodedString())
        case .apiKey(let header, let key): request.headers.replaceOrAdd(name: header, value: key)
        case .login(let login): request.headers.replaceOrAdd(name: login.header, value: login.prefix + (try await token(login)))
        }
        let response: HTTPClientResponse
        do {
            response = try await http.execute(request, timeout: .milliseconds(Int64(settings.timeout * 1000)))
        } catch {
            throw Failure(description: "\(url): no answer: \(error)")
        }
        let status = Int(response.status.code)
        if status == 401, case .login = settings.authentication, !retried {
            session.withLock { $0.token = nil }
            logger.info("poll \(adapter): 401 from \(url.path), logging in again")
            return try await fetch(url, body: body, retried: true)
        }
        let retryAfter = response.headers.first(name: "Retry-After").flatMap { RetryAfter.seconds($0, now: Date()) }
        guard (200..<300).contains(status) else {
            throw Failure(description: "\(url): HTTP \(status)", retryAfter: retryAfter)
        }
        let type = response.headers.first(name: "Content-Type")?.lowercased() ?? ""
        if type.contains("text/html") {
            throw Failure(description: "\(url): an HTML page (\(type)), not an API answer")
        }
        do {
            return Array(buffer: try await response.body.collect(upTo: settings.maxPageBytes))
        } catch {
            throw Failure(description: "\(url): the answer is larger than \(settings.maxPageBytes) bytes or broke off: \(error)")
        }
    }

    /// The login token: the one held while it has not expired, else a new one from the login endpoint.
    func token(_ login: PollSettings.Login) async throws -> String {
        if let held = session.withLock({ s in s.tokenExpires.map { $0 > Date() } ?? true ? s.token : nil }) { return held }
        var request = HTTPClientRequest(url: login.url.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: login.body))
        let response: HTTPClientResponse
        do {
            response = try await http.execute(request, timeout: .milliseconds(Int64(settings.timeout * 1000)))
        } catch {
            throw Failure(description: "\(login.url): login: no answer: \(error)")
        }
        let body = Array(buffer: try await response.body.collect(upTo: 1 << 20))
        let json = AdapterSpec.Format.json(JSONFormat())
        guard response.status.code == 200, let token = PageDocument.value(at: login.tokenPath, in: body, format: json), !token.isEmpty else {
            throw Failure(description: "\(login.url): login answered HTTP \(response.status.code) without a token at \(login.tokenPath)")
        }
        let lifetime = login.expiresPath.flatMap { PageDocument.value(at: $0, in: body, format: json) }.flatMap(Double.init)
        session.withLock {
            $0.token = token
            // Renewed a little early, so that a request does not leave with a token about to run out.
            $0.tokenExpires = lifetime.map { Date().addingTimeInterval(max(1, $0 - min(30, $0 / 10))) }
        }
        logger.info("poll \(adapter): logged in at \(login.url.host ?? "")")
        return token
    }
}
