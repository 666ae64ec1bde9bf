internal import Foundation
public import Hummingbird
import Logging
import SGWPipeline
public import ServiceLifecycle
public import SGWStore

/// The gateway's own HTTP endpoints, for platforms that call sgw instead of being polled (docs/platform-api.md):
/// `POST /v1/claims/{source}` takes `{"events": [...]}` (or a bare array) of claim and feedback events and records
/// them idempotently; `GET /health` answers `ok`. Bound to the address given, 127.0.0.1 by default.
public enum GatewayServer {
    /// The application. `token`, when set, is required as `Authorization: Bearer TOKEN` on the callback.
    /// `services` run beside the server in one service group (the delivery workers), shut down with it on SIGTERM.
    public static func application(store: any MessageStore, host: String = "127.0.0.1", port: Int, token: String?,
                                   services: [any Service] = [],
                                   onListening: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        let router = Router()
        router.get("/health") { _, _ in "ok" }
        router.post("/v1/claims/:source") { request, context -> Response in
            if let token, request.headers[.authorization] != "Bearer \(token)" {
                return json(["status": "rejected", "reason": "unauthorized"], status: .unauthorized)
            }
            let source = context.parameters.get("source") ?? "callback"
            let body = try await request.body.collect(upTo: 8 << 20)
            let parsed = try? JSONSerialization.jsonObject(with: Data(buffer: body))
            guard let objects = (parsed as? [String: Any])?["events"] as? [[String: Any]] ?? parsed as? [[String: Any]] else {
                return json(["status": "rejected", "reason": "the body must be {\"events\": [...]} or an array of events"],
                            status: .unprocessableContent)
            }
            let (events, _, skipped) = PlatformEventDecoding.events(objects)
            do {
                try await blockingCall { try store.record(events, source: "callback:\(source)", cursor: nil, now: Date()) }
            } catch {
                // The platform retries; nothing was recorded. The cause goes to the log, not to the caller.
                context.logger.error("claims callback: could not store the events: \(error)")
                return json(["status": "error", "reason": "store-unavailable"], status: .serviceUnavailable)
            }
            return json(["status": "accepted", "events": events.count, "skipped": skipped])
        }
        var logger = Logger(label: "sgw-server")
        logger.logLevel = .warning
        return Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "sgw"),
            services: services,
            onServerRunning: { await onListening($0.localAddress?.port ?? port) },
            logger: logger)
    }

    static func json(_ object: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
