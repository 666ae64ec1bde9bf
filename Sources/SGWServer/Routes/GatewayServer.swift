internal import Foundation
public import Hummingbird
public import Logging
import SGWPipeline
import SGWSources
public import ServiceLifecycle
public import SGWStore

/// The gateway's HTTP endpoints, one server for everything that reaches sgw: the webhook adapters' paths
/// (`WebhookRoutes`), `POST /v1/claims/{source}` for platforms that post claims back (docs/platform-api.md),
/// `GET /healthz` (alive), `GET /readyz` (store writable, configuration loaded), `GET /metrics` (Prometheus text) and
/// the admin API under `/api/v1` (`AdminAPI`, docs/openapi.yaml).
public enum GatewayServer {
    /// What the server answers with.
    public struct Routes: Sendable {
        /// The store, for claims callbacks and readiness.
        public var store: any MessageStore
        /// Required as `Authorization: Bearer TOKEN` on the claims callback, when set.
        public var callbackToken: String?
        /// The webhook adapters in force.
        public var webhooks: WebhookTable
        /// The metrics in Prometheus' text format, when metrics are on.
        public var metrics: (@Sendable () -> [UInt8])?
        /// Why the gateway is not ready (nil when it is): checked on every `/readyz`.
        public var notReady: @Sendable () async -> String?
        /// The admin API under `/api/v1` (`AdminAPI`), when served.
        public var admin: AdminService?

        /// Routes over `store`.
        public init(store: any MessageStore, callbackToken: String? = nil, webhooks: WebhookTable = WebhookTable(),
                    metrics: (@Sendable () -> [UInt8])? = nil, notReady: @escaping @Sendable () async -> String? = { nil },
                    admin: AdminService? = nil) {
            self.store = store
            self.admin = admin
            self.callbackToken = callbackToken
            self.webhooks = webhooks
            self.metrics = metrics
            self.notReady = notReady
        }
    }

    /// The router for `routes`.
    public static func router(_ routes: Routes) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: WebhookMiddleware(table: routes.webhooks, events: GatewayEvents()))
        router.get("/healthz") { _, _ in "ok" }
        router.get("/health") { _, _ in "ok" }  // the name before /healthz, kept for monitors set up with it
        router.get("/readyz") { _, _ -> Response in
            if let why = await routes.notReady() {
                return WebhookRoutes.json(.serviceUnavailable, ["status": "not-ready", "reason": why])
            }
            return WebhookRoutes.json(.ok, ["status": "ready"])
        }
        if let metrics = routes.metrics {
            router.get("/metrics") { _, _ -> Response in
                Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                         body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics())))
            }
        }
        ClaimsCallbackRoute.add(to: router, store: routes.store, token: routes.callbackToken)
        if let admin = routes.admin { AdminAPI.add(to: router, service: admin) }
        if let admin = routes.admin { ConsoleRoutes.add(to: router, service: admin) }  // the console, over the same service
        return router
    }

    /// The application on `host:port` (0 picks a free port, reported to `onListening`). `services` run beside the
    /// server in one service group (pollers, inbox watchers, delivery workers), shut down with it on SIGTERM.
    public static func application(_ routes: Routes, host: String = "127.0.0.1", port: Int, services: [any Service] = [],
                                   logger: Logger? = nil,
                                   onListening: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        var quiet = Logger(label: "sgw-server")
        quiet.logLevel = .warning
        return Application(
            router: router(routes),
            configuration: .init(address: .hostname(host, port: port), serverName: "sgw"),
            services: services,
            onServerRunning: { await onListening($0.localAddress?.port ?? port) },
            logger: logger ?? quiet)
    }

    /// The claims callback and health only, as `sgw serve` answered before webhooks (kept for the tests of the callback).
    public static func application(store: any MessageStore, host: String = "127.0.0.1", port: Int, token: String?,
                                   services: [any Service] = [],
                                   onListening: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        application(Routes(store: store, callbackToken: token), host: host, port: port, services: services, onListening: onListening)
    }
}
