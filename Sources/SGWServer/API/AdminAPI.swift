import Foundation
public import Hummingbird
import SGWCore
import SGWStore

/// The admin API under `/api/v1` (docs/openapi.yaml): JSON over `AdminService`, every request's token resolved by
/// the service's `AccessGate`. Errors are `{"error": {"code": "...", "message": "..."}}` with a stable code.
public enum AdminAPI {
    /// The path every endpoint is under.
    public static let prefix = "/api/v1"

    /// Adds the endpoints to `router`.
    public static func add(to router: Router<some RequestContext>, service: AdminService) {
        let api = router.group(RouterPath(prefix))
        api.get("me") { request, context in
            await respond(request, context, service) { p, _ in service.me(p) }
        }
        api.get("messages") { request, context in
            await respond(request, context, service) { p, q in try service.messages(p, try q.messageFilter(), try q.page()) }
        }
        api.get("messages/:id") { request, context in
            let id = context.parameters.get("id") ?? ""
            return await respond(request, context, service) { p, _ in try service.message(p, id: id) }
        }
        api.get("deliveries") { request, context in
            await respond(request, context, service) { p, q in
                try service.deliveries(p, destination: q.text("destination"), state: q.text("state"), try q.page())
            }
        }
        api.get("deadletters") { request, context in
            await respond(request, context, service) { p, q in try service.deadLetters(p, try q.page()) }
        }
        api.get("deadletters/:deliveryID") { request, context in
            let id = context.parameters.get("deliveryID") ?? ""
            return await respond(request, context, service) { p, _ in
                guard let deliveryID = Int64(id) else { throw AdminError.badRequest("'\(id)' is not a delivery id") }
                return try service.deadLetter(p, deliveryID: deliveryID)
            }
        }
        api.post("deadletters/replay") { request, context in
            let body = try? await request.body.collect(upTo: 1 << 20)
            return await respond(request, context, service) { p, _ in
                try service.replay(p, deliveryIDs: try ReplayRequest.ids(body.map { Data(buffer: $0) } ?? Data()))
            }
        }
        api.get("imports") { request, context in
            await respond(request, context, service) { p, q in try service.imports(p, adapter: q.text("adapter"), try q.page()) }
        }
        api.get("imports/:id/rejects") { request, context in
            let id = context.parameters.get("id") ?? ""
            return await respondCSV(request, context, service, filename: "import-\(id)-rejects.csv") { p in
                guard let importID = Int64(id) else { throw AdminError.badRequest("'\(id)' is not an import id") }
                return try service.rejectsCSV(p, importID: importID)
            }
        }
        api.get("adapters") { request, context in
            await respond(request, context, service) { p, _ in ["adapters": try service.adapters(p)] }
        }
        api.get("deadlines") { request, context in
            await respond(request, context, service) { p, q in
                let state = q.text("state") ?? DueWindow.overdue.rawValue
                guard let window = DueWindow(rawValue: state) else {
                    let known = DueWindow.allCases.map(\.rawValue).joined(separator: ", ")
                    throw AdminError.badRequest("state must be one of \(known), not '\(state)'")
                }
                return try service.deadlines(p, window, try q.page())
            }
        }
        api.get("claims") { request, context in
            await respond(request, context, service) { p, q in
                try service.claims(p, department: q.text("department"), since: try q.since(), until: try q.until(), try q.page())
            }
        }
        api.get("counterparties/:identity") { request, context in
            let identity = context.parameters.get("identity") ?? ""
            return await respond(request, context, service) { p, q in try service.counterparty(p, identity: identity, try q.page()) }
        }
        api.get("audit") { request, context in
            await respond(request, context, service) { p, q in
                ["entries": try service.audit(p, before: try q.integer("before").map { Int64($0) }, limit: try q.integer("limit") ?? 100)]
            }
        }
        api.post("reload") { request, context in
            do {
                let p = try await principal(request, service)
                return try json(.ok, try await service.reloadConfiguration(p))
            } catch {
                return failure(error, context)
            }
        }
    }
}
