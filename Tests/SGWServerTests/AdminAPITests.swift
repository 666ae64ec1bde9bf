import Foundation
import HTTPTypes
import SGWCore
import SGWServer
import SGWStore
import SGWTesting
import Testing

/// The admin API over loopback: each role's token against each endpoint, tokens refused, masking by role, and the
/// audit log's lines for unmasked views and replays.
@Suite struct AdminAPITests {
    /// A person's approval for 区水利局 (dead letter), an organisation's for 区市场监督管理局 claimed by it, and a
    /// supervision message of 区住建局 about the person.
    static let specs: [AdminWorld.Spec] = [
        .init(kind: 0, department: 0, claimedBy: nil, fails: true, person: 1),
        .init(kind: 0, department: 1, claimedBy: 1, fails: false, person: 0),
        .init(kind: 1, department: 2, claimedBy: nil, fails: false, person: 1),
    ]

    static let roles = ["admin", "operator", "auditor", "dept0"]

    /// Each endpoint with the roles that may call it (in `roles`' order: admin, operator, auditor, department).
    static func endpoints(_ world: AdminWorld) -> [(HTTPRequest.Method, String, String?, [Bool])] {
        let all = [true, true, true, true], intake = [true, true, true, false]
        return [
            (.get, "/api/v1/me", nil, all),
            (.get, "/api/v1/messages?kind=approval", nil, all),
            (.get, "/api/v1/messages/\(world.ids[0])", nil, all),
            (.get, "/api/v1/deliveries", nil, all),
            (.get, "/api/v1/deadletters", nil, all),
            (.get, "/api/v1/deadlines?state=overdue", nil, all),
            (.get, "/api/v1/deadlines?state=at-risk", nil, all),
            (.get, "/api/v1/claims", nil, all),
            (.get, "/api/v1/counterparties/11010519491231002X", nil, all),
            (.get, "/api/v1/imports", nil, intake),
            (.get, "/api/v1/imports/\(world.importID)/rejects", nil, intake),
            (.get, "/api/v1/adapters", nil, intake),
            (.get, "/api/v1/audit", nil, [true, false, true, false]),
            (.post, "/api/v1/deadletters/replay", #"{"ids": [999999]}"#, [true, true, false, false]),
        ]
    }

    @Test func eachRoleAgainstEachEndpoint() async throws {
        let world = try AdminWorld(Self.specs)
        defer { world.remove() }
        try await world.withServer { api in
            for (method, path, body, allowed) in Self.endpoints(world) {
                for (role, may) in zip(Self.roles, allowed) {
                    let (status, json, _, _) = try await api.call(method, path, as: role, body: body)
                    // The replay of an id that is no dead letter gets past the role check to a 404.
                    let expected = !may ? 403 : body != nil ? 404 : 200
                    #expect(status == expected, "\(role) \(method) \(path)")
                    if status >= 400 {
                        #expect((json["error"] as? [String: Any])?["code"] as? String == (status == 403 ? "forbidden" : "not-found"))
                    }
                }
                for token in [nil, "revoked", "sgw_not-a-token"] {
                    let (status, json, _, headers) = try await api.call(method, path, as: token, body: body)
                    #expect(status == 401, "\(token ?? "no token") \(path)")
                    #expect((json["error"] as? [String: Any])?["code"] as? String == "unauthorized")
                    #expect(headers[.wwwAuthenticate] == "Bearer")
                }
            }
        }
    }

    @Test func theConsoleCookieCarriesTheTokenToo() async throws {
        let world = try AdminWorld(Self.specs)
        defer { world.remove() }
        try await world.withServer { api in
            let (status, me, _, _) = try await api.call(.get, "/api/v1/me", as: "dept0", cookie: true)
            #expect(status == 200)
            #expect(me["name"] as? String == "dept0")
            #expect(me["departments"] as? [String] == ["区水利局"])
            #expect(try await api.call(.get, "/api/v1/me", as: "revoked", cookie: true).status == 401)
            // A change is asked with the bearer token only: a form posted from another port of the host carries the cookie.
            #expect(try await api.call(.post, "/api/v1/deadletters/replay", as: "operator", body: #"{"all":true}"#, cookie: true).status == 401)
            #expect(try await api.call(.post, "/api/v1/reload", as: "operator", cookie: true).status == 401)
            #expect(try await api.call(.post, "/api/v1/deadletters/replay", as: "operator", body: #"{"all":true}"#).status == 200)
        }
    }

    @Test func aDepartmentGets404ForAnotherDepartmentsMessageAndSeesOnlyItsOwn() async throws {
        let world = try AdminWorld(Self.specs)
        defer { world.remove() }
        try await world.withServer { api in
            #expect(try await api.get("/api/v1/messages/\(world.ids[0])", as: "dept0").status == 200)
            let other = try await api.get("/api/v1/messages/\(world.ids[1])", as: "dept0")
            let missing = try await api.get("/api/v1/messages/no-such-message", as: "dept0")
            #expect(other.status == 404)
            #expect(missing.status == 404)
            let said = String(decoding: other.bytes, as: UTF8.self).replacingOccurrences(of: world.ids[1], with: "X")
            #expect(said == String(decoding: missing.bytes, as: UTF8.self).replacingOccurrences(of: "no-such-message", with: "X"),
                    "the same answer as for a message that does not exist")
            let list = try await api.get("/api/v1/messages", as: "dept0")
            #expect(AdminClient.messageIDs(list.json["items"]) == [world.ids[0]])
            #expect(list.json["total"] as? Int == 1)
            let letters = try await api.get("/api/v1/deadletters", as: "dept1")
            #expect(letters.json["total"] as? Int == 0, "the dead letter is 区水利局's")
            let letter = try #require((try await api.get("/api/v1/deadletters", as: "operator").json["items"] as? [[String: Any]])?.first)
            let deliveryID = try #require(letter["deliveryID"] as? Int)
            #expect(try await api.get("/api/v1/deadletters/\(deliveryID)", as: "dept1").status == 404)
            #expect(try await api.get("/api/v1/deadletters/\(deliveryID)", as: "dept0").status == 200)
        }
    }

    @Test func personalDataIsMaskedForOperatorsAndDepartmentsAndEachUnmaskedViewIsLogged() async throws {
        let world = try AdminWorld(Self.specs)
        defer { world.remove() }
        let id = world.ids[0], raw = "11010519491231002X", masked = Masking.idNumber(raw)
        try await world.withServer { api in
            for role in ["operator", "dept0"] {
                let text = String(decoding: try await api.get("/api/v1/messages/\(id)", as: role).bytes, as: UTF8.self)
                #expect(text.contains(masked), "\(role)")
                #expect(!text.contains(raw) && !text.contains("19061116528"), "\(role)")
                let letters = String(decoding: try await api.get("/api/v1/deadletters", as: role).bytes, as: UTF8.self)
                #expect(!letters.contains(raw), "\(role): the failure's detail is masked too")
                let party = try await api.get("/api/v1/counterparties/\(raw)", as: role)
                #expect(party.json["identity"] as? String == masked)
            }
            let csv = String(decoding: try await api.get("/api/v1/imports/\(world.importID)/rejects", as: "operator").bytes, as: UTF8.self)
            #expect(csv.contains(masked) && !csv.contains(raw) && !csv.contains("13812345678"))
            #expect(try Self.unmaskedViews(world).isEmpty, "masked views are not logged")

            for role in ["admin", "auditor"] {
                let text = String(decoding: try await api.get("/api/v1/messages/\(id)", as: role).bytes, as: UTF8.self)
                #expect(text.contains(raw), "\(role)")
            }
            let adminCSV = String(decoding: try await api.get("/api/v1/imports/\(world.importID)/rejects", as: "admin").bytes, as: UTF8.self)
            #expect(adminCSV.contains(raw))
            // An organisation's message holds no personal data but its contact phone: still an unmasked view.
            let views = try Self.unmaskedViews(world)
            #expect(views.filter { $0.target == id }.map(\.actor).sorted() == ["admin", "auditor"])
            #expect(views.contains { $0.actor == "admin" && $0.target == "import \(world.importID)" })
            // The audit log, read over the API by an auditor, has them.
            let log = try await api.get("/api/v1/audit", as: "auditor")
            let actions = (log.json["entries"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String }
            #expect(actions.filter { $0 == "unmasked-view" }.count == views.count)
        }
    }

    static func unmaskedViews(_ world: AdminWorld) throws -> [AuditEntry] {
        try world.store.auditLog(before: nil, limit: 1000).filter { $0.action == .unmaskedView }
    }

    @Test func aReplayIsAnOperatorsAndIsInTheAuditLog() async throws {
        let world = try AdminWorld(Self.specs)
        defer { world.remove() }
        try await world.withServer { api in
            let letters = try await api.get("/api/v1/deadletters", as: "operator")
            let ids = (letters.json["items"] as? [[String: Any]] ?? []).compactMap { $0["deliveryID"] as? Int }
            #expect(!ids.isEmpty)
            let body = #"{"ids": [\#(ids.map(String.init).joined(separator: ","))]}"#
            #expect(try await api.call(.post, "/api/v1/deadletters/replay", as: "dept0", body: body).status == 403)
            #expect(try await api.call(.post, "/api/v1/deadletters/replay", as: "operator", body: "{}").status == 400)
            let (status, answer, _, _) = try await api.call(.post, "/api/v1/deadletters/replay", as: "operator", body: body)
            #expect(status == 200)
            #expect(answer["count"] as? Int == ids.count)
            #expect(try await api.get("/api/v1/deadletters", as: "operator").json["total"] as? Int == 0)
            let replays = try world.store.auditLog(before: nil, limit: 100).filter { $0.action == .replay }
            #expect(replays.map(\.actor) == ["operator"])
            #expect(try await api.call(.post, "/api/v1/deadletters/replay", as: "admin", body: #"{"all": true}"#).json["count"] as? Int == 0)
        }
    }

    @Test func listingsArePagedWithTheirTotalAndBadParametersAre400() async throws {
        let world = try AdminWorld(Self.specs)
        defer { world.remove() }
        try await world.withServer { api in
            var seen: [String] = []
            for offset in 0..<3 {
                let page = try await api.get("/api/v1/messages?limit=1&offset=\(offset)", as: "operator")
                #expect(page.json["total"] as? Int == 3)
                seen += AdminClient.messageIDs(page.json["items"])
            }
            #expect(Set(seen) == Set(world.ids))
            let claimed = try await api.get("/api/v1/messages?state=claimed", as: "operator")
            #expect(AdminClient.messageIDs(claimed.json["items"]) == [world.ids[1]])
            for path in ["/api/v1/messages?limit=0", "/api/v1/messages?kind=letter", "/api/v1/messages?since=yesterday",
                         "/api/v1/deadlines?state=late", "/api/v1/deadletters/abc"] {
                let answer = try await api.get(path, as: "operator")
                #expect(answer.status == 400, "\(path)")
                #expect((answer.json["error"] as? [String: Any])?["code"] as? String == "bad-request")
            }
            let claims = try await api.get("/api/v1/claims", as: "operator")
            let departments = claims.json["departments"] as? [[String: Any]] ?? []
            let summed = departments.compactMap { $0["total"] as? Int }.reduce(0, +)
            #expect(summed == (claims.json["claims"] as? [String: Any])?["total"] as? Int, "the tallies add up to the list's total")
        }
    }
}
