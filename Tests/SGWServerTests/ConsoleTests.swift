import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SGWCore
import SGWServer
import SGWStore
import SGWTesting
import Testing

/// The console over loopback, on `AdminWorld`'s store: each page for each role, the login redirect, the department
/// scope on every page, masking, escaping, and the replay form's role and cross-site checks.
@Suite struct ConsoleTests {
    /// Messages of three departments; the second and fifth pushes fail for good (dead letters); the fourth's
    /// counterparty is a person with an ID number.
    static let specs: [AdminWorld.Spec] = [
        .init(kind: 0, department: 0, claimedBy: 0, fails: false, person: 0),
        .init(kind: 0, department: 1, claimedBy: nil, fails: true, person: 0),
        .init(kind: 1, department: 1, claimedBy: nil, fails: false, person: 0),
        .init(kind: 0, department: 2, claimedBy: nil, fails: false, person: 1),
        .init(kind: 2, department: 0, claimedBy: nil, fails: true, person: 1),
    ]
    static let idNumber = "11010519491231002X"

    /// The console's answer to `method path` with the token `name`'s cookie (none when nil).
    static func call(_ client: AdminClient, _ method: HTTPRequest.Method, _ path: String, as name: String?,
                     headers extra: HTTPFields = [:], body: String? = nil) async throws -> (status: Int, html: String, headers: HTTPFields) {
        var headers = extra
        if let name { headers[.cookie] = "\(AccessGate.cookieName)=\(client.secrets[name] ?? name)" }
        if body != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        let response = try await client.client.execute(uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        return (Int(response.status.code), String(buffer: response.body), response.headers)
    }

    static func deadLetterIDs(_ world: AdminWorld) throws -> [Int64] {
        try world.store.deadLetters(limit: 100).map(\.deliveryID)
    }

    @Test func eachPageAnswersEachRoleAsItsRoleAllows() async throws {
        let world = try AdminWorld(Self.specs)
        defer { world.remove() }
        let dead = try Self.deadLetterIDs(world)
        #expect(dead.count == 2)
        try await world.withServer { client in
            let everyone = ["/console/", "/console/messages", "/console/messages/\(world.ids[1])", "/console/deadletters",
                            "/console/deadletters/\(dead[0])", "/console/counterparties?id=91110000600037341L", "/console/reports",
                            "/console/reports?period=2026-11"]
            let intake = ["/console/imports", "/console/adapters", "/console/imports/\(world.importID)/rejects"]
            for role in ["admin", "operator", "auditor"] {
                for path in everyone + intake {
                    let (status, html, _) = try await Self.call(client, .get, path, as: role)
                    #expect(status == 200, "\(role) \(path)")
                    #expect(!html.isEmpty, "\(role) \(path)")
                }
            }
            // The second department (dept1) sees its own pages, and neither the intake nor another department's message.
            for path in everyone {
                #expect(try await Self.call(client, .get, path, as: "dept1").status == 200, "dept1 \(path)")
            }
            for path in intake {
                let (status, html, _) = try await Self.call(client, .get, path, as: "dept1")
                #expect(status == 403, "dept1 \(path)")
                #expect(path.hasSuffix("rejects") || html.contains("无权访问"), "dept1 \(path)")
            }
            #expect(try await Self.call(client, .get, "/console/messages/\(world.ids[0])", as: "dept1").status == 404)
            #expect(try await Self.call(client, .get, "/console/deadletters/\(dead[1])", as: "dept1").status == 404)
            #expect(try await Self.call(client, .get, "/console/messages/no-such-id", as: "admin").status == 404)
            // The report's workbook downloads as one (a ZIP), named for its period.
            let xlsx = try await Self.call(client, .get, "/console/reports?period=2026-11&format=xlsx", as: "dept1")
            #expect(xlsx.status == 200 && xlsx.html.hasPrefix("PK"))
            #expect(xlsx.headers[.contentDisposition]?.contains("2026-11") == true)
            // The stylesheet is served by sgw itself, to anyone (the login page needs it).
            let css = try await Self.call(client, .get, "/console/assets/console.css", as: nil)
            #expect(css.status == 200 && css.headers[.contentType]?.hasPrefix("text/css") == true)
        }
    }

    @Test func withoutAValidCookieEveryPageRedirectsToTheLoginPage() async throws {
        let world = try AdminWorld(Self.specs)
        defer { world.remove() }
        try await world.withServer { client in
            for token in [nil, "revoked", "sgw_not-a-token"] {
                for path in ["/console/", "/console/messages?kind=approval", "/console/deadletters", "/console/imports"] {
                    let (status, _, headers) = try await Self.call(client, .get, path, as: token)
                    #expect(status == 303, "\(token ?? "no cookie") \(path)")
                    #expect(headers[.location]?.hasPrefix("/console/login") == true, "\(token ?? "no cookie") \(path)")
                }
            }
            let (_, _, headers) = try await Self.call(client, .get, "/console/messages?kind=approval", as: nil)
            #expect(headers[.location] == "/console/login?next=/console/messages%3Fkind%3Dapproval")
            let login = try await Self.call(client, .get, "/console/login", as: nil)
            #expect(login.status == 200 && login.html.contains("访问令牌"))
        }
    }

    @Test func loginSetsAStrictHttpOnlyCookieAndLogoutClearsIt() async throws {
        let world = try AdminWorld(Self.specs)
        defer { world.remove() }
        try await world.withServer { client in
            let sameSite: HTTPFields = [.origin: "http://localhost"]
            let secret = client.secrets["operator"]!
            let ok = try await Self.call(client, .post, "/console/login", as: nil, headers: sameSite,
                                         body: "token=\(secret)&next=%2Fconsole%2Fdeadletters")
            #expect(ok.status == 303)
            #expect(ok.headers[.location] == "/console/deadletters")
            let cookie = ok.headers[.setCookie] ?? ""
            #expect(cookie.hasPrefix("\(AccessGate.cookieName)=\(secret)"))
            for attribute in ["HttpOnly", "SameSite=Strict", "Path=/"] { #expect(cookie.contains(attribute), "\(attribute)") }
            // Nowhere but the console afterwards.
            let away = try await Self.call(client, .post, "/console/login", as: nil, headers: sameSite, body: "token=\(secret)&next=%2F%2Fevil.example")
            #expect(away.headers[.location] == "/console/")
            let wrong = try await Self.call(client, .post, "/console/login", as: nil, headers: sameSite, body: "token=sgw_wrong")
            #expect(wrong.status == 401 && wrong.html.contains("令牌无效") && wrong.headers[.setCookie] == nil)
            let revoked = try await Self.call(client, .post, "/console/login", as: nil, headers: sameSite,
                                              body: "token=\(client.secrets["revoked"]!)")
            #expect(revoked.status == 401)
            let crossSite = try await Self.call(client, .post, "/console/login", as: nil, headers: [.origin: "http://evil.example"],
                                                body: "token=\(secret)")
            #expect(crossSite.status == 403 && crossSite.headers[.setCookie] == nil)
            let out = try await Self.call(client, .post, "/console/logout", as: "operator", headers: sameSite)
            #expect(out.status == 303 && out.headers[.location] == "/console/login")
            #expect(out.headers[.setCookie]?.hasPrefix("\(AccessGate.cookieName)=;") == true)
            #expect(out.headers[.setCookie]?.contains("Max-Age=0") == true)
        }
    }

    @Test func aDepartmentsPagesNeverShowAnotherDepartmentsMessage() async throws {
        let world = try AdminWorld(Self.specs)
        defer { world.remove() }
        let store = world.store
        try await world.withServer { client in
            for (i, department) in AdminWorld.departments.enumerated() {
                let scope = MessageScope.departments([department])
                let hidden = try world.ids.filter { try !store.isVisible(messageID: $0, to: scope) }
                let visible = world.ids.filter { !hidden.contains($0) }
                #expect(!hidden.isEmpty && !visible.isEmpty, "\(department)")
                var pages = ["/console/", "/console/messages", "/console/deadletters", "/console/counterparties?id=91110000600037341L",
                             "/console/reports?period=2026-11", "/console/reports?period=2026-11&format=csv",
                             "/console/counterparties?id=\(Self.idNumber)"]
                pages += AdminWorld.departments.map { "/console/messages?department=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }
                var seen = ""
                for path in pages {
                    let (status, html, _) = try await Self.call(client, .get, path, as: "dept\(i)")
                    #expect(status == 200, "dept\(i) \(path)")
                    for id in hidden { #expect(!html.contains(id), "dept\(i) \(path) shows \(id)") }
                    seen += html
                }
                // Not vacuous: its own messages are listed.
                for id in visible { #expect(seen.contains(id), "dept\(i) never sees its own \(id)") }
                for id in hidden {
                    #expect(try await Self.call(client, .get, "/console/messages/\(id)", as: "dept\(i)").status == 404)
                }
            }
        }
    }

    @Test func pagesMaskPersonalDataForRolesThatMayNotSeeIt() async throws {
        let world = try AdminWorld(Self.specs)
        defer { world.remove() }
        let person = world.ids[3]
        let masked = Masking.idNumber(Self.idNumber)
        try await world.withServer { client in
            for path in ["/console/messages/\(person)", "/console/messages", "/console/counterparties?id=\(Self.idNumber)",
                         "/console/deadletters", "/console/deadletters/\(try Self.deadLetterIDs(world)[1])"] {
                for role in ["operator", "dept2"] where !(role == "dept2" && path.contains("deadletters/")) {
                    let (status, html, _) = try await Self.call(client, .get, path, as: role)
                    #expect(status == 200, "\(role) \(path)")
                    #expect(!html.contains(Self.idNumber), "\(role) \(path) shows the ID number")
                    #expect(!html.contains("13812345678") && !html.contains("19061116528"), "\(role) \(path) shows a phone number")
                }
            }
            let operatorPage = try await Self.call(client, .get, "/console/messages/\(person)", as: "operator").html
            #expect(operatorPage.contains(masked))
            let before = try world.store.auditLog(before: nil, limit: 100).filter { $0.action == .unmaskedView }.count
            let auditorPage = try await Self.call(client, .get, "/console/messages/\(person)", as: "auditor").html
            #expect(auditorPage.contains(Self.idNumber))
            let after = try world.store.auditLog(before: nil, limit: 100).filter { $0.action == .unmaskedView }
            #expect(after.count == before + 1 && after.first?.actor == "auditor")
        }
    }

    @Test func everythingAPageShowsIsEscaped() async throws {
        let world = try AdminWorld(Self.specs)
        defer { world.remove() }
        try await world.withServer { client in
            let probe = "<script>alert(1)</script>\"'"
            let encoded = probe.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            for path in ["/console/counterparties?id=\(encoded)", "/console/messages?adapter=\(encoded)",
                         "/console/reports?period=\(encoded)", "/console/login?next=\(encoded)"] {
                let (_, html, headers) = try await Self.call(client, .get, path, as: path.contains("login") ? nil : "operator")
                #expect(!html.contains("<script"), "\(path)")
                #expect(headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true, "\(path)")
            }
            let page = try await Self.call(client, .get, "/console/messages?adapter=\(encoded)", as: "operator").html
            #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;"))
        }
    }

    @Test func theReplayFormNeedsAnOperatorAndAPageOfThisServer() async throws {
        let world = try AdminWorld(Self.specs)
        defer { world.remove() }
        let dead = try Self.deadLetterIDs(world)[0]
        let path = "/console/deadletters/\(dead)/replay"
        try await world.withServer { client in
            let sameSite: HTTPFields = [.origin: "http://localhost"]
            // Roles that may not operate: refused, nothing replayed.
            for role in ["auditor", "dept0", "dept1", "dept2"] {
                let status = try await Self.call(client, .post, path, as: role, headers: sameSite).status
                #expect(status == 403 || (role.hasPrefix("dept") && status == 404), "\(role): \(status)")
                #expect(try world.store.deadLetter(deliveryID: dead) != nil, "\(role)")
            }
            // Only an operator's (or admin's) page shows the form.
            #expect(try await Self.call(client, .get, "/console/deadletters/\(dead)", as: "operator").html.contains("replay-button"))
            #expect(!(try await Self.call(client, .get, "/console/deadletters/\(dead)", as: "auditor").html.contains("replay-button")))
            // An operator's cookie from another site's page, or with no origin at all: refused.
            for headers: HTTPFields in [[.origin: "http://evil.example"], [.referer: "http://evil.example/console/"], [:],
                                        [.origin: "null"], [.origin: "http://localhost.evil.example"]] {
                let (status, html, _) = try await Self.call(client, .post, path, as: "operator", headers: headers)
                #expect(status == 403 && html.contains("跨站"), "\(headers)")
                #expect(try world.store.deadLetter(deliveryID: dead) != nil, "\(headers)")
            }
            #expect(try await Self.call(client, .post, path, as: nil, headers: sameSite).status == 303)  // to the login page
            #expect(try world.store.deadLetter(deliveryID: dead) != nil)
            // From the console's own page (Referer only, as some browsers send): replayed, and the audit log says who.
            let (status, _, headers) = try await Self.call(client, .post, path, as: "operator",
                                                          headers: [.referer: "http://localhost/console/deadletters/\(dead)"])
            #expect(status == 303)
            #expect(headers[.location]?.hasPrefix("/console/deadletters/\(dead)?replayed=1") == true)
            #expect(try world.store.deadLetter(deliveryID: dead) == nil)
            #expect(try world.store.auditLog(before: nil, limit: 10).contains { $0.action == .replay && $0.actor == "operator" })
            let after = try await Self.call(client, .get, headers[.location] ?? "", as: "operator")
            #expect(after.status == 200 && after.html.contains("已重新投递") && after.html.contains("待推送"))
        }
    }
}
