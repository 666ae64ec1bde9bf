import Foundation
import Hummingbird
import Logging
import SGWPipeline
import SGWStore

/// How the admin API answers: the principal resolved and the service called off the event loop (both read the
/// store), the value as JSON, and every refusal as `{"error": {"code", "message"}}` with its status.
extension AdminAPI {
    /// Resolves the request's principal, runs `work` with it and the query, and answers with its value as JSON.
    static func respond<T: Encodable & Sendable>(_ request: Request, _ context: some RequestContext, _ service: AdminService,
                                                 _ work: @escaping @Sendable (Principal, AdminQuery) throws -> T) async -> Response {
        let (authorization, cookie) = credentials(request)
        let query = AdminQuery(request.uri.queryParameters.map { (String($0.key), String($0.value)) })
        do {
            let value = try await blockingCall {
                try work(try service.gate.principal(authorization: authorization, cookie: cookie), query)
            }
            return try json(.ok, value)
        } catch {
            return failure(error, context)
        }
    }

    /// The same for a CSV download.
    static func respondCSV(_ request: Request, _ context: some RequestContext, _ service: AdminService, filename: String,
                           _ work: @escaping @Sendable (Principal) throws -> [UInt8]) async -> Response {
        let (authorization, cookie) = credentials(request)
        do {
            let bytes = try await blockingCall { try work(try service.gate.principal(authorization: authorization, cookie: cookie)) }
            return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8",
                                                   .contentDisposition: "attachment; filename=\"\(filename)\""],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        } catch {
            return failure(error, context)
        }
    }

    /// The credentials a request may use: a read takes the bearer token or the console's cookie; a request that changes
    /// something (a replay, a reload) only the bearer token, since a browser sends the cookie with a form posted from
    /// another port of the same host too (SameSite treats them as one site). The console's own forms check the origin.
    static func credentials(_ request: Request) -> (authorization: String?, cookie: String?) {
        let reads = request.method == .get || request.method == .head
        return (request.headers[.authorization], reads ? request.headers[.cookie] : nil)
    }

    /// The principal of `request`.
    static func principal(_ request: Request, _ service: AdminService) async throws -> Principal {
        let (authorization, cookie) = credentials(request)
        return try await blockingCall { try service.gate.principal(authorization: authorization, cookie: cookie) }
    }

    /// `value` as JSON with `status`.
    static func json(_ status: HTTPResponse.Status, _ value: some Encodable) throws -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: try AdminJSON.encode(value))))
    }

    /// The error object for `error`: an `AdminError` with its own status, anything else a 500 whose cause goes to the
    /// log, not to the caller.
    static func failure(_ error: any Error, _ context: some RequestContext) -> Response {
        guard let error = error as? AdminError else {
            context.logger.error("admin API: \(error)")
            return body(.internalServerError, code: "internal", message: "the request failed; the gateway's log has the cause")
        }
        var response = body(status(of: error), code: error.code, message: error.message)
        if error.code == "unauthorized" { response.headers[.wwwAuthenticate] = "Bearer" }
        return response
    }

    /// The HTTP status of each admin error code.
    static func status(of error: AdminError) -> HTTPResponse.Status {
        switch error.code {
        case "unauthorized": .unauthorized
        case "forbidden": .forbidden
        case "not-found": .notFound
        case "bad-request": .badRequest
        case "conflict": .conflict
        case "unavailable": .serviceUnavailable
        default: .internalServerError
        }
    }

    static func body(_ status: HTTPResponse.Status, code: String, message: String) -> Response {
        let data = (try? AdminJSON.encode(["error": ["code": code, "message": message]])) ?? Data()
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
