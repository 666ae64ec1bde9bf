import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SGWCore
import SGWPipeline
import SGWServer
import SGWStore
import SGWTesting

/// A store with messages addressed to departments, their deliveries (some dead letters), claims and an import with
/// rejections, tokens of every role, and the admin API over it on loopback: what the admin API's tests read.
struct AdminWorld: Sendable {
    static let departments = ["区水利局", "区市场监督管理局", "区住建局"]
    static let t0 = ShanghaiTime.parseInstant("2026-11-23T10:00:00+08:00")!
    /// The service's clock: a month on, so that the deadlines planned at `t0` are overdue.
    static let later = t0.addingTimeInterval(30 * 86400)
    static let calculator = DeadlineCalculator(calendar: try! WorkingCalendar.load(), profiles: try! ProfileCatalog.load())

    /// One message to store: its kind (0 approval, 1 supervision, 2 credit licence), its department (an index into
    /// `departments`, or nil for an approval that names none), who claims it (an index, or nil), whether its push
    /// fails for good (a dead letter), and its counterparty (0 an organisation, 1 a person with an ID number).
    struct Spec: Sendable, Hashable {
        var kind: Int, department: Int?, claimedBy: Int?, fails: Bool, person: Int
    }

    let temporary: TemporaryStore
    var store: SQLiteStore { temporary.store }
    /// The secret of each token, by name: `admin`, `operator`, `auditor`, `dept0`…, `revoked`.
    let secrets: [String: String]
    /// The stored messages' ids, in the order of the specs.
    let ids: [String]
    /// The import with rejections.
    let importID: Int64

    init(_ specs: [Spec]) throws {
        let temporary = try TemporaryStore(prefix: "sgw-admin")
        let store = temporary.store
        let planner = DeliveryPlanner(calculator: Self.calculator)
        var ids: [String] = []
        var items: [IngestItem] = []
        for (i, spec) in specs.enumerated() {
            let department = spec.department.map { Self.departments[$0] }
            let counterparty = spec.person == 1 ? Fixtures.person() : Fixtures.organisation()
            let body: MessageBody = switch spec.kind {
            case 0: .approval(Fixtures.approval(counterparty: counterparty, supervisingDepartment: department))
            case 1: .supervision(Supervision(kind: .suspension, documentNumber: "周市场罚〔2024〕\(i)号", counterparty: counterparty,
                                             decisionDate: LocalDate("2024-09-06")!, basisAndResult: "责令停产停业，联系电话13812345678",
                                             department: department ?? Self.departments[0]))
            default: .creditLicence(Fixtures.creditLicence(counterparty: counterparty,
                                                           authority: Organisation(name: department ?? Self.departments[0], uscc: "121200004013590816")))
            }
            let message = CanonicalMessage.make(body: body, key: "K\(i)", profile: "zhoucun",
                                                provenance: Provenance(adapter: "test", source: "f.csv", location: "row \(i + 2)"),
                                                receivedAt: Self.t0)
            ids.append(message.envelope.id.rawValue)
            items.append(planner.plan(message))
        }
        let importID = try store.startImport(adapter: "test", file: "f.csv", size: 10, sha256: "abc", at: Self.t0)
        _ = try store.ingest(items, rejections: [
            StoredRejection(location: "row 90", row: 90, field: "idNumber", code: .invalidIDNumber,
                            message: "11010519491231002X 的校验位不对，电话 13812345678"),
        ], importID: importID, at: Self.t0)
        var record = ImportRecord(id: importID, adapter: "test", file: "f.csv", size: 10, sha256: "abc", rows: specs.count + 1,
                                  rejected: 1, startedAt: Self.t0, finishedAt: Self.t0)
        record.stored.accepted = specs.count
        try store.finishImport(record)

        // Every due push delivered or, where the spec says, parked for good.
        let machine = DeliveryStateMachine(configuration: .init(baseDelay: 1, maximumDelay: 10, leaseDuration: 60))
        for destination in ["interaction", "credit"] {
            let leases = try store.lease(destination: destination, now: Self.t0, limit: 1000, machine: machine)
            let reports = leases.map { lease in
                let spec = specs[ids.firstIndex(of: lease.message.envelope.id.rawValue)!]
                return spec.fails
                    ? DeliveryReport(lease: lease, event: .failed(.permanent(reason: "HTTP 422")), jitter: 0,
                                     detail: "HTTP 422 证件号 11010519491231002X", problem: .httpPermanent("HTTP 422"))
                    : DeliveryReport(lease: lease, event: .succeeded, jitter: 0, receipt: "R", detail: "HTTP 200",
                                     restartedDeadlines: planner.deadlinesCountedFromPush(lease.message.envelope, acknowledgedAt: Self.t0))
            }
            _ = try store.complete(reports, now: Self.t0.addingTimeInterval(1), machine: machine)
        }
        let claims = zip(specs, ids).compactMap { spec, id in
            spec.claimedBy.map { PlatformEvent(messageID: MessageID(rawValue: id), kind: .claimed, department: Self.departments[$0],
                                               at: Self.t0.addingTimeInterval(600)) }
        }
        try store.record(claims, source: "interaction", cursor: nil, now: Self.t0.addingTimeInterval(600))
        _ = try store.closeDueDeadlines(now: Self.later, profiles: try ProfileCatalog.load())

        var secrets: [String: String] = [:]
        let admin = Principal.commandLine(user: "test")
        func add(_ name: String, _ role: Role, _ departments: [String] = []) throws {
            let secret = TokenSecret.generate()
            try store.addToken(APIToken(name: name, role: role, departments: departments, createdAt: Self.t0, createdBy: admin.name),
                               secretHash: TokenSecret.hash(secret), by: admin)
            secrets[name] = secret
        }
        try add("admin", .admin)
        try add("operator", .operator)
        try add("auditor", .auditor)
        for (i, d) in Self.departments.enumerated() { try add("dept\(i)", .department, [d]) }
        try add("revoked", .operator)
        _ = try store.revokeToken(name: "revoked", by: admin, at: Self.t0)
        self.temporary = temporary
        self.secrets = secrets
        self.ids = ids
        self.importID = importID
    }

    func remove() { temporary.remove() }

    /// The service over the store, its clock at `later`.
    var service: AdminService {
        AdminService(store: store, calendar: Self.calculator.calendar, now: { Self.later })
    }

    /// Runs `body` against the admin API served on loopback.
    func withServer(_ body: @escaping @Sendable (AdminClient) async throws -> Void) async throws {
        let app = GatewayServer.application(GatewayServer.Routes(store: store, admin: service), port: 0)
        try await app.test(.live) { client in try await body(AdminClient(client: client, secrets: secrets)) }
    }
}

/// A client of the admin API that presents a token by its name.
struct AdminClient: Sendable {
    let client: any TestClientProtocol
    let secrets: [String: String]

    /// The answer's status, its JSON (an empty object when it is none) and its bytes.
    func call(_ method: HTTPRequest.Method, _ path: String, as token: String?, body: String? = nil, cookie: Bool = false)
        async throws -> (status: Int, json: [String: Any], bytes: [UInt8], headers: HTTPFields) {
        var headers: HTTPFields = [:]
        if let token {
            let secret = secrets[token] ?? token
            if cookie { headers[.cookie] = "lang=zh; \(AccessGate.cookieName)=\(secret)" } else { headers[.authorization] = "Bearer \(secret)" }
        }
        if body != nil { headers[.contentType] = "application/json" }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        let bytes = Array(buffer: response.body)
        let json = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] ?? [:]
        return (Int(response.status.code), json, bytes, response.headers)
    }

    func get(_ path: String, as token: String?) async throws -> (status: Int, json: [String: Any], bytes: [UInt8], headers: HTTPFields) {
        try await call(.get, path, as: token)
    }

    /// The message ids a listing's items name (`id` for messages, `messageID` for the others).
    static func messageIDs(_ items: Any?) -> [String] {
        (items as? [[String: Any]] ?? []).compactMap { ($0["messageID"] ?? $0["id"]) as? String }
    }
}
