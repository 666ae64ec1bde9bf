import Foundation
import Hummingbird
import SGWConsole
import SGWPipeline
import SGWStore

/// The console's pages: each resolves the reader from the cookie, asks `AdminService` (off the event loop: it reads
/// the store), and renders a template. A reader without a valid cookie is sent to the login page; a refusal of the
/// service is a page with its status (403 for a role, 404 for what is not there or not in the reader's scope).
struct ConsolePages: Sendable {
    let service: AdminService
    let renderer: ConsoleRenderer

    typealias Handler = @Sendable (Principal, Request, any RequestContext) async throws -> Response

    /// A GET page.
    func get<Context: RequestContext>(_ router: Router<Context>, _ path: RouterPath, _ handler: @escaping Handler) {
        router.get(path) { request, context in await serve(request, context, handler) }
    }

    /// A POST that acts: refused (403) unless it comes from a page of this server.
    func post<Context: RequestContext>(_ router: Router<Context>, _ path: RouterPath, _ handler: @escaping Handler) {
        router.post(path) { request, context in
            guard ConsoleCrossSite.isSameOrigin(request) else {
                return problem(nil, .forbidden, "请求被拒绝", "该表单不是从本网关的页面提交的（跨站请求）。请从控制台页面重新操作。")
            }
            return await serve(request, context, handler)
        }
    }

    private func serve(_ request: Request, _ context: some RequestContext, _ handler: Handler) async -> Response {
        let principal: Principal
        do {
            principal = try await reader(request)
        } catch {
            return ConsoleResponse.redirect(ConsoleSession.loginRedirect(for: request))
        }
        do {
            return try await handler(principal, request, context)
        } catch let error as AdminError {
            switch error.code {
            case "forbidden": return problem(principal, .forbidden, "无权访问", "您的角色（\(ConsoleLabels.role(principal.role.rawValue))）不能查看或执行此操作。")
            case "not-found": return problem(principal, .notFound, "未找到", "没有这条记录，或它不在您可查看的范围内。")
            case "bad-request": return problem(principal, .badRequest, "请求有误", error.message)
            case "conflict": return problem(principal, .conflict, "无法执行", error.message)
            default: return problem(principal, .serviceUnavailable, "暂不可用", error.message)
            }
        } catch {
            context.logger.error("console: \(error)")
            return problem(principal, .internalServerError, "出错了", "请求未能完成，原因见网关日志。")
        }
    }

    /// The principal of the request's cookie; throws `unauthorized` without a valid one.
    func reader(_ request: Request) async throws -> Principal {
        let cookie = request.headers[.cookie], gate = service.gate
        return try await blockingCall { try gate.principal(authorization: nil, cookie: cookie) }
    }

    /// Calls the service off the event loop.
    func call<T: Sendable>(_ work: @escaping @Sendable (AdminService) throws -> T) async throws -> T {
        let service = self.service
        return try await blockingCall { try work(service) }
    }

    /// The page `template` for `principal` over `values`, with the frame every page has (who, the menu, `nav`).
    func render(_ template: String, _ principal: Principal?, nav: String?, _ values: [String: Any],
                status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var context = values
        if let principal {
            context["user"] = [
                "name": principal.name, "roleLabel": ConsoleLabels.role(principal.role.rawValue),
                "departments": principal.departments.joined(separator: "、"), "masked": !principal.role.seesPersonalData,
            ] as [String: Any]
            context["mayOperate"] = principal.role.mayOperate
            context["scoped"] = principal.role == .department
            context["scope"] = principal.departments.joined(separator: "、")
        }
        if let nav { context["nav"] = [nav: true] }
        guard let html = renderer.render(template, context) else {
            return ConsoleResponse.page("console template \(template) missing", status: .internalServerError)
        }
        return ConsoleResponse.page(html, status: status, headers: headers)
    }

    /// A page that says why a request was refused.
    func problem(_ principal: Principal?, _ status: HTTPResponse.Status, _ heading: String, _ detail: String) -> Response {
        render("problem", principal, nav: nil, ["heading": heading, "detail": detail], status: status)
    }

    /// The counts line and the pager of a listing page: `from`, `to`, `shown`, `previous`, `following`.
    static func paging(_ total: Int, _ shown: Int, _ page: PageRequest, _ request: Request) -> [String: Any] {
        var values: [String: Any] = ["total": String(total), "shown": shown > 0,
                                     "from": String(page.offset + 1), "to": String(page.offset + shown)]
        func link(_ offset: Int) -> String {
            var items = URLComponents(string: request.uri.description)?.queryItems ?? []
            items.removeAll { $0.name == "offset" }
            if offset > 0 { items.append(URLQueryItem(name: "offset", value: String(offset))) }
            var c = URLComponents()
            c.path = request.uri.path
            c.queryItems = items.isEmpty ? nil : items
            return c.string ?? request.uri.path
        }
        if page.offset > 0 { values["previous"] = link(max(0, page.offset - page.limit)) }
        if page.offset + shown < total { values["following"] = link(page.offset + page.limit) }
        return values
    }

    /// The page a listing asks for: `offset` from the query, the default size.
    static func page(_ query: AdminQuery) throws -> PageRequest {
        try PageRequest(limit: PageRequest.defaultLimit, offset: try query.integer("offset"))
    }

    /// The request's query parameters.
    static func query(_ request: Request) -> AdminQuery {
        AdminQuery(request.uri.queryParameters.map { (String($0.key), String($0.value)) })
    }
}
