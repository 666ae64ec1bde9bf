import Foundation
import Hummingbird
import SGWPipeline
import SGWStore

/// `POST /v1/claims/{source}`: claim and feedback events that a platform posts back, `{"events": [...]}` or a bare
/// array, recorded idempotently (docs/platform-api.md).
enum ClaimsCallbackRoute {
    static func add(to router: Router<some RequestContext>, store: any MessageStore, token: String?) {
        router.post("/v1/claims/:source") { request, context -> Response in
            if let token, request.headers[.authorization] != "Bearer \(token)" {
                return WebhookRoutes.json(.unauthorized, ["status": "rejected", "reason": "unauthorized"])
            }
            let source = context.parameters.get("source") ?? "callback"
            let body = try await request.body.collect(upTo: 8 << 20)
            let parsed = try? JSONSerialization.jsonObject(with: Data(buffer: body))
            guard let objects = (parsed as? [String: Any])?["events"] as? [[String: Any]] ?? parsed as? [[String: Any]] else {
                return WebhookRoutes.json(.unprocessableContent,
                                          ["status": "rejected", "reason": "the body must be {\"events\": [...]} or an array of events"])
            }
            let (events, _, skipped) = PlatformEventDecoding.events(objects)
            do {
                try await blockingCall { try store.record(events, source: "callback:\(source)", cursor: nil, now: Date()) }
            } catch {
                // The platform retries; nothing was recorded. The cause goes to the log, not to the caller.
                context.logger.error("claims callback: could not store the events: \(error)")
                return WebhookRoutes.json(.serviceUnavailable, ["status": "error", "reason": "store-unavailable"])
            }
            return WebhookRoutes.json(.ok, ["status": "accepted", "events": events.count, "skipped": skipped])
        }
    }
}
