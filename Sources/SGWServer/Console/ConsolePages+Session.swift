import Foundation
import Hummingbird
import SGWPipeline

/// Signing in and out.
extension ConsolePages {
    /// What the login form posts.
    struct LoginForm: Decodable {
        var token: String
        var next: String?
    }

    /// The login page; `error` when a token was refused.
    func login(next: String?, error: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
        var values: [String: Any] = ["next": ConsoleSession.nextPath(next)]
        if let error { values["error"] = error }
        return render("login", nil, nav: nil, values, status: status)
    }

    /// Checks the posted token; a valid one sets the cookie and goes on to `next`.
    func signIn(_ request: Request, _ context: some RequestContext) async -> Response {
        guard ConsoleCrossSite.isSameOrigin(request) else {
            return problem(nil, .forbidden, "请求被拒绝", "登录表单不是从本网关的页面提交的（跨站请求）。")
        }
        guard let form = try? await URLEncodedFormDecoder().decode(LoginForm.self, from: request, context: context) else {
            return login(next: nil, error: "请输入访问令牌。", status: .badRequest)
        }
        let secret = form.token.trimmingCharacters(in: .whitespacesAndNewlines)
        let gate = service.gate
        guard ConsoleSession.isCookieSafe(secret),
              (try? await blockingCall { try gate.principal(authorization: "Bearer \(secret)", cookie: nil) }) != nil else {
            return login(next: form.next, error: "令牌无效或已被吊销。", status: .unauthorized)
        }
        var response = ConsoleResponse.redirect(ConsoleSession.nextPath(form.next))
        response.setCookie(ConsoleSession.signIn(secret))
        return response
    }

    /// Clears the cookie and shows the login page.
    func signOut(_ request: Request) -> Response {
        guard ConsoleCrossSite.isSameOrigin(request) else {
            return problem(nil, .forbidden, "请求被拒绝", "退出表单不是从本网关的页面提交的（跨站请求）。")
        }
        var response = ConsoleResponse.redirect("/console/login")
        response.setCookie(ConsoleSession.signOut())
        return response
    }
}
