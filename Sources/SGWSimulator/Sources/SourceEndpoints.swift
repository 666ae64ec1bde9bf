import Foundation
import Hummingbird
import SGWCore
import Synchronization

/// The simulated departments' own APIs, which sgw polls (docs/platform-api.md, "Source systems"):
/// - `POST /sources/login` `{"user","password"}` → `{"code":"200","data":{"token","expiresIn"}}`;
/// - `GET /sources/liaocheng/penalties?pageNo=&pageSize=&updatedSince=` → 聊城's shape,
///   `{"code":"200","msg":"成功","data":{"total","pageNo","pageSize","list":[…]}}`;
/// - `GET /sources/xml/penalties?page=&size=&since=` → `<response><code>0</code><total>…</total><records><record>…`.
/// Both hold the same records (`SourceRecords`), in update order, filtered by the watermark; a token that expired
/// is answered `401`.
final class SourceEndpoints: Sendable {
    let records: SourceRecords
    let state: PlatformState
    let faults: FaultInjector
    let systems: SourceSystems
    private let tokens = Mutex<[String: Date]>([:])
    private let logins = Mutex(0)

    init(records: SourceRecords, state: PlatformState, faults: FaultInjector, systems: SourceSystems) {
        self.records = records
        self.state = state
        self.faults = faults
        self.systems = systems
    }

    func login(_ request: Request) async throws -> Response {
        let body = Array(buffer: try await request.body.collect(upTo: 64 * 1024))
        let object = SubmissionValidator.object(body)
        guard let expected = systems.login else { return Answer.json(["code": "200", "data": ["token": "open", "expiresIn": 0]]) }
        guard object?["user"] as? String == expected.user, object?["password"] as? String == expected.password else {
            return Answer.json(["code": "401", "msg": "用户名或密码错误"], status: .unauthorized)
        }
        let n = logins.withLock { $0 += 1; return $0 }
        let token = "tok-\(n)-\(UInt32.random(in: 0...UInt32.max))"
        tokens.withLock { $0[token] = Date().addingTimeInterval(systems.tokenLifetimeSeconds) }
        return Answer.json(["code": "200", "msg": "成功", "data": ["token": token, "expiresIn": systems.tokenLifetimeSeconds]])
    }

    /// The logins answered so far (tests check that an expired token was renewed).
    var loginCount: Int { logins.withLock { $0 } }

    /// Checks the token and plays the faults; nil when the page may be served.
    private func refuse(_ request: Request) async -> Response? {
        if systems.login != nil {
            let header = request.headers[.authorization] ?? ""
            let token = header.hasPrefix("Bearer ") ? String(header.dropFirst(7)) : ""
            let valid = tokens.withLock { $0[token].map { $0 > Date() } ?? false }
            guard valid else { return Answer.json(["code": "401", "msg": "令牌无效或已过期"], status: .unauthorized) }
        }
        let plan = await faults.planForPlatform()
        if let fault = plan.fault {
            await state.countFault("source:" + fault.result)
            return Answer.fault(fault == .drop ? .error(503) : fault, retryAfter: systems.faults.retryAfterSeconds)
        }
        if plan.latencyMilliseconds > 0 { try? await Task.sleep(for: .milliseconds(plan.latencyMilliseconds)) }
        if plan.malformed {
            await state.countFault("source:fault:malformed")
            return Answer.malformed
        }
        if systems.errorInsideOKRate > 0, Double.random(in: 0..<1) < systems.errorInsideOKRate {
            await state.countFault("source:fault:error-inside-200")
            return Answer.json(["code": "500", "msg": "系统繁忙"])
        }
        return nil
    }

    /// The page: the indexes of the records on it and the total.
    private func page(_ request: Request, page pageKey: String, size sizeKey: String, since sinceKey: String) async -> (items: [Int], total: Int, page: Int, size: Int) {
        let query = request.uri.queryParameters
        let page = max(1, query[pageKey[...]].flatMap { Int($0) } ?? 1)
        let size = min(500, max(1, query[sizeKey[...]].flatMap { Int($0) } ?? 20))
        let all = records.indexes(at: await state.now(), since: query[sinceKey[...]].map(String.init))
        let start = min(all.count, (page - 1) * size)
        return (Array(all[start..<min(all.count, start + size)]), all.count, page, size)
    }

    func jsonPage(_ request: Request) async -> Response {
        if let refused = await refuse(request) { return refused }
        let p = await page(request, page: "pageNo", size: "pageSize", since: "updatedSince")
        return Answer.json(["code": "200", "msg": "成功",
                            "data": ["total": p.total, "pageNo": p.page, "pageSize": p.size, "list": p.items.map(records.penalty)]])
    }

    func xmlPage(_ request: Request) async -> Response {
        if let refused = await refuse(request) { return refused }
        let p = await page(request, page: "page", size: "size", since: "since")
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<response><code>0</code><total>\(p.total)</total><page>\(p.page)</page><records>"
        for i in p.items {
            xml += "<record>"
            for (key, value) in records.penalty(i).sorted(by: { $0.key < $1.key }) {
                guard let text = value as? String else { xml += "<\(key)/>"; continue }
                xml += "<\(key)>\(Self.escape(text))</\(key)>"
            }
            xml += "</record>"
        }
        xml += "</records></response>\n"
        return Response(status: .ok, headers: [.contentType: "application/xml; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: xml)))
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
