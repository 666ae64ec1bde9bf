import Hummingbird
public import SGWSources
import Synchronization

/// The webhook receivers in force, by path: swapped whole when the configuration is reloaded, read by every request,
/// so that a reload never leaves a path half configured and the server never restarts for it.
public final class WebhookTable: Sendable {
    private let receivers = Mutex<[String: WebhookReceiver]>([:])

    /// An empty table.
    public init() {}

    /// Puts `list` in force.
    public func replace(with list: [WebhookReceiver]) {
        let byPath = Dictionary(list.map { ($0.settings.path, $0) }, uniquingKeysWith: { first, _ in first })
        receivers.withLock { $0 = byPath }
    }

    /// The receiver for `path`, if any.
    public func receiver(for path: String) -> WebhookReceiver? { receivers.withLock { $0[path] } }

    /// The paths served.
    public var paths: [String] { receivers.withLock { $0.keys.sorted() } }
}

/// Sends a POST to a webhook path to its receiver, before the router sees it: the paths change on reload, the
/// router's do not.
struct WebhookMiddleware<Context: RequestContext>: RouterMiddleware {
    let table: WebhookTable
    let events: GatewayEvents

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post, let receiver = table.receiver(for: request.uri.path) else {
            return try await next(request, context)
        }
        let response = await WebhookRoutes.handle(request, receiver: receiver, logger: context.logger)
        events.webhookAnswered(adapter: receiver.adapter, status: Int(response.status.code))
        return response
    }
}
