import AsyncHTTPClient
import Dispatch
public import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import SGWCore
public import SGWStore

/// Sends deliveries to one destination over HTTP (AsyncHTTPClient) and turns each answer into the state machine's
/// event. The request is built here; what happens next is decided by `DeliveryStateMachine`.
public final class PlatformClient: Sendable {
    /// What came back from one request.
    public struct Answer: Sendable {
        /// Nil when there was no answer (connection refused or dropped, a timeout).
        public var status: Int?
        /// The platform's `Retry-After`, in seconds.
        public var retryAfter: TimeInterval?
        /// The body, or the error.
        public var text: String
        /// Where a redirect (3xx) pointed.
        public var location: String? = nil
    }

    let http: HTTPClient
    /// The destination.
    public let spec: DestinationSpec
    /// Where single messages and batches go, with the path an HMAC signature covers, taken out of the URL once
    /// (Foundation's URL rebuilds the string on every call).
    let single: Endpoint, batch: Endpoint

    struct Endpoint {
        var url: URL, path: String
        init(_ url: URL) { (self.url, path) = (url, url.path) }
    }

    /// A client for `spec`; it holds connections until `shutdown()`.
    public init(spec: DestinationSpec) throws {
        self.spec = spec
        single = Endpoint(spec.url)
        batch = Endpoint(spec.batchURL ?? spec.url)
        var configuration = HTTPClient.Configuration(
            timeout: .init(connect: .seconds(5), read: .milliseconds(Int64(spec.timeoutSeconds * 1000))))
        if let ca = spec.caFile {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .file(ca)
            configuration.tlsConfiguration = tls
        }
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(spec.concurrency, 1)
        // sgw installs no tracer; without this the client still builds a no-op span and its attributes per request.
        // (A tracer bootstrapped later would need this line to go.)
        configuration.tracing.tracer = nil
        // Redirects are not followed: AsyncHTTPClient turns a POST answered 301 or 302 into a GET without the body,
        // so the message would never reach the platform while its answer decided the delivery. A redirect is
        // reported instead (a dead letter naming the new address), for an operator to correct the destination's URL.
        configuration.redirectConfiguration = .disallow
        // A request's head and body in one write instead of two (see HeadFlushDeferral).
        configuration.http1_1ConnectionDebugInitializer = { HeadFlushDeferral.install(on: $0) }
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Closes the connections.
    public func shutdown() async throws { try await http.shutdown() }

    /// Sends `leases` (one request, or one batch request when there are several) and reports on each. A message whose
    /// body cannot be built (its stored JSON unreadable, the body template failing on it) is parked alone, without
    /// a request; the others go.
    public func send(_ leases: [DeliveryLease], jitter: @Sendable () -> Double) async -> [DeliveryReport] {
        var parked: [DeliveryReport] = []
        var sendable: [DeliveryLease] = [], bodies: [[UInt8]] = []
        for lease in leases {
            var body: [UInt8]
            do {
                body = try PlatformPayload.body(for: lease.message)
            } catch {
                parked.append(.parked(lease, .unreadableMessage("the stored message cannot be read: \(error)"), jitter: jitter()))
                continue
            }
            if let template = spec.bodyTemplate {
                do {
                    body = try BodyTemplate.render(template, body: body)
                } catch {
                    parked.append(.parked(lease, .templateFailed("the body template failed: \(error)"), jitter: jitter()))
                    continue
                }
            }
            sendable.append(lease)
            bodies.append(body)
        }
        return parked + (await request(sendable, bodies: bodies, jitter: jitter))
    }

    /// One request for `leases` with their `bodies`: to the single-message endpoint for one, as a batch for several.
    func request(_ leases: [DeliveryLease], bodies: [[UInt8]], jitter: @Sendable () -> Double) async -> [DeliveryReport] {
        guard !leases.isEmpty else { return [] }
        if leases.count == 1 {
            let body = bodies[0]
            let answer = await post(single, body: body, idempotencyKey: leases[0].message.envelope.id.rawValue)
            return [report(leases[0], answer, result: Self.result(answer), request: body, jitter: jitter)]
        }
        let body = PlatformPayload.batch(bodies)
        let answer = await post(batch, body: body, idempotencyKey: nil)
        let results = Self.batchResults(answer)
        return leases.enumerated().map { i, lease in
            let result: ItemResult = switch results {
            case .perItem(let byID): byID[lease.message.envelope.id.rawValue]
                ?? .transient(.unreadableAnswer("the batch answer has no result for this message"))
            case .whole(let whole): whole
            }
            return report(lease, answer, result: result, request: bodies[i], jitter: jitter)
        }
    }

    /// The claim and feedback events after `cursor`, and the new cursor.
    public func claims(after cursor: Int) async throws -> ([PlatformEvent], Int) {
        guard let feed = spec.claimsURL,
              var parts = URLComponents(url: feed, resolvingAgainstBaseURL: false) else { return ([], cursor) }
        parts.queryItems = (parts.queryItems ?? []) + [URLQueryItem(name: "after", value: String(cursor)), URLQueryItem(name: "limit", value: "1000")]
        var request = HTTPClientRequest(url: parts.url!.absoluteString)
        authenticate(&request.headers, path: parts.path, body: [])
        let response = try await http.execute(request, timeout: .milliseconds(Int64(spec.timeoutSeconds * 1000)))
        let data = Data(String(buffer: try await response.body.collect(upTo: 16 << 20)).utf8)
        guard response.status == .ok,
              let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let events = json["events"] as? [[String: Any]]
        else {
            throw PlatformError.unreadableFeed(status: Int(response.status.code), redirectedTo: response.headers.first(name: "Location"),
                                               answer: String(decoding: data.prefix(200), as: UTF8.self))
        }
        let (out, lastSeq, _) = PlatformEventDecoding.events(events)
        let next = max(cursor, lastSeq)
        return (out, (json["next"] as? Int).map { max($0, next) } ?? next)
    }

    // MARK: Requests

    /// One POST. AsyncHTTPClient's future-based API with a whole-body delegate, not its async one: the bodies are
    /// small and complete, and the async API streams the request body and the answer through async sequences, which
    /// cost more CPU per request than sgw's own work on a message (see docs/benchmarks.md, Delivery).
    func post(_ endpoint: Endpoint, body: [UInt8], idempotencyKey: String?) async -> Answer {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        if let idempotencyKey { headers.add(name: "Idempotency-Key", value: idempotencyKey) }
        authenticate(&headers, path: endpoint.path, body: body)
        do {
            let request = try HTTPClient.Request(url: endpoint.url, method: .POST, headers: headers,
                                                 body: .byteBuffer(ByteBuffer(bytes: body)))
            let task = http.execute(request: request, delegate: ResponseAccumulator(request: request, maxBodySize: 4 << 20),
                                    deadline: .now() + .milliseconds(Int64(spec.timeoutSeconds * 1000)))
            // A cancelled worker (`sgw serve` stopping) cancels its requests in flight instead of waiting for them.
            let started = DispatchTime.now().uptimeNanoseconds
            let response = try await withTaskCancellationHandler { try await task.futureResult.get() } onCancel: { task.cancel() }
            DeliveryEvents.attempted(destination: spec.name, nanoseconds: DispatchTime.now().uptimeNanoseconds - started)
            return Answer(status: Int(response.status.code),
                          retryAfter: response.headers.first(name: "Retry-After").flatMap { RetryAfter.seconds($0, now: Date()) },
                          text: response.body.map { String(buffer: $0) } ?? "",
                          location: response.headers.first(name: "Location"))
        } catch {
            return Answer(status: nil, retryAfter: nil, text: "\(error)")
        }
    }

    func authenticate(_ headers: inout HTTPHeaders, path: String, body: [UInt8]) {
        switch spec.authentication {
        case .none: break
        case .bearer(let token): headers.add(name: "Authorization", value: "Bearer \(token)")
        case .basic(let user, let password):
            headers.add(name: "Authorization", value: "Basic \(Data("\(user):\(password)".utf8).base64EncodedString())")
        case .hmac(let keyID, let secret):
            let timestamp = String(Int(Date().timeIntervalSince1970))
            headers.add(name: "X-SGW-Key-Id", value: keyID)
            headers.add(name: "X-SGW-Timestamp", value: timestamp)
            headers.add(name: "X-SGW-Signature", value: RequestSignature.hex(secret: secret, timestamp: timestamp, path: path, body: body))
        }
    }

    // MARK: Answers

    /// What the platform said about one message.
    enum ItemResult {
        case delivered(receipt: String?, duplicate: Bool)
        case transient(DeliveryProblem, retryAfter: TimeInterval? = nil)
        case permanent(DeliveryProblem)
    }

    /// A single message's answer.
    static func result(_ answer: Answer) -> ItemResult {
        guard let status = answer.status else { return .transient(.noAnswer("no answer: \(answer.text)")) }
        if (300..<400).contains(status) {
            return .permanent(.httpPermanent("HTTP \(status): the platform redirects this request to "
                + "\(answer.location ?? "an address it does not name"); sgw does not follow redirects of a POST, "
                + "correct the url in the destination's file"))
        }
        if (200..<300).contains(status) || status == 422 {
            guard let json = try? JSONSerialization.jsonObject(with: Data(answer.text.utf8)) as? [String: Any] else {
                // The request may have been processed; the idempotency key makes the retry safe.
                return status == 422 ? .permanent(.httpPermanent("HTTP 422"))
                    : .transient(.unreadableAnswer("HTTP \(status) with an answer that is not JSON"))
            }
            return item(json, status: status)
        }
        switch DeliveryStateMachine.Failure.classify(status: status, retryAfter: answer.retryAfter) {
        case .transient(let reason, let retryAfter): return .transient(.httpTransient(reason), retryAfter: retryAfter)
        case .permanent(let reason): return .permanent(.httpPermanent("\(reason): \(answer.text.prefix(200))"))
        case nil: return .transient(.unreadableAnswer("HTTP \(status)"))
        }
    }

    /// A batch's answer: a result per message id, or one result for every message in it.
    static func batchResults(_ answer: Answer) -> BatchAnswer {
        guard let status = answer.status, (200..<300).contains(status) else { return .whole(result(answer)) }
        guard let json = try? JSONSerialization.jsonObject(with: Data(answer.text.utf8)) as? [String: Any],
              let results = json["results"] as? [[String: Any]]
        else { return .whole(.transient(.unreadableAnswer("HTTP \(status) with a batch answer that cannot be read"))) }
        var byID: [String: ItemResult] = [:]
        for r in results {
            if let id = r["id"] as? String { byID[id] = item(r, status: status) }
        }
        return .perItem(byID)
    }

    /// A batch answer: a result per message, or one for the whole request (a fault, an unreadable answer).
    enum BatchAnswer {
        case perItem([String: ItemResult])
        case whole(ItemResult)
    }

    /// The outcome of one message's result object.
    static func item(_ json: [String: Any], status: Int) -> ItemResult {
        switch json["status"] as? String {
        case "accepted": .delivered(receipt: json["receipt"] as? String, duplicate: false)
        case "duplicate": .delivered(receipt: json["receipt"] as? String, duplicate: true)
        case "rejected": .permanent(.rejectedBody("the platform rejected the body: \(json["reason"] as? String ?? "no reason given")"))
        default: .transient(.unreadableAnswer("HTTP \(status) with an unknown status \(String(describing: json["status"]))"))
        }
    }

    /// The report on one message. Only a retry uses `jitter` (its backoff); drawn only then, since each draw from the
    /// system's generator is a system call.
    func report(_ lease: DeliveryLease, _ answer: Answer, result: ItemResult, request: [UInt8], jitter: () -> Double) -> DeliveryReport {
        let statusText = answer.status.map { "HTTP \($0)" } ?? "no answer"
        switch result {
        case .delivered(let receipt, let duplicate):
            var report = DeliveryReport(lease: lease, event: .succeeded, jitter: 0, receipt: receipt,
                                        detail: duplicate ? "\(statusText), already received (duplicate)" : "\(statusText), accepted")
            report.duplicate = duplicate
            return report
        case .permanent(let problem):
            return DeliveryReport(lease: lease, event: .failed(.permanent(reason: problem.message)), jitter: 0,
                                  detail: "\(statusText), \(problem)", problem: problem,
                                  request: String(decoding: request, as: UTF8.self), response: answer.text)
        case .transient(let problem, let retryAfter):
            return DeliveryReport(lease: lease, event: .failed(.transient(reason: problem.message, retryAfter: retryAfter ?? answer.retryAfter)),
                                  jitter: jitter(), detail: problem.description, problem: problem)
        }
    }
}
