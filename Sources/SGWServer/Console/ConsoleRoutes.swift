import Foundation
public import Hummingbird
import SGWConsole
import SGWPipeline
import SGWStore

/// The console under `/console/`: server-rendered pages in Chinese over `AdminService`, so that every page applies
/// the reader's role and department scope and masks personal data exactly as the admin API does. Signing in sets the
/// `sgw_token` cookie (`ConsoleSession`); every POST passes `ConsoleCrossSite` first.
public enum ConsoleRoutes {
    /// Adds the pages to `router`. Without its templates (`ConsoleProblem`) the console answers 503 with the reason,
    /// and the rest of the gateway serves as before.
    public static func add(to router: Router<some RequestContext>, service: AdminService) {
        let renderer: ConsoleRenderer
        do {
            renderer = try ConsoleRenderer()
        } catch {
            router.get("/console/**") { _, _ in
                Response(status: .serviceUnavailable, headers: [.contentType: "text/plain; charset=utf-8"],
                         body: ResponseBody(byteBuffer: ByteBuffer(string: "console unavailable: \(error.message)\n")))
            }
            return
        }
        let pages = ConsolePages(service: service, renderer: renderer)
        router.get("/console/assets/:name") { _, context in
            guard let asset = renderer.asset(context.parameters.get("name") ?? "") else { return Response(status: .notFound) }
            return Response(status: .ok, headers: [.contentType: asset.contentType, .cacheControl: "max-age=3600"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: asset.bytes)))
        }
        router.get("/console/login") { request, _ in pages.login(next: request.uri.queryParameters["next"].map(String.init)) }
        router.post("/console/login") { request, context in await pages.signIn(request, context) }
        router.post("/console/logout") { request, _ in pages.signOut(request) }
        pages.get(router, "/console/") { p, _, _ in try await pages.overview(p) }
        pages.get(router, "/console/messages") { p, request, _ in try await pages.messages(p, request) }
        pages.get(router, "/console/messages/:id") { p, request, context in
            try await pages.message(p, id: context.parameters.get("id") ?? "")
        }
        pages.get(router, "/console/deadletters") { p, request, _ in try await pages.deadLetters(p, request) }
        pages.get(router, "/console/deadletters/:id") { p, request, context in
            try await pages.deadLetter(p, id: context.parameters.get("id") ?? "", replayed: request.uri.queryParameters["replayed"] != nil,
                                       messageID: request.uri.queryParameters["message"].map(String.init))
        }
        pages.post(router, "/console/deadletters/:id/replay") { p, _, context in
            try await pages.replay(p, id: context.parameters.get("id") ?? "")
        }
        pages.get(router, "/console/imports") { p, request, _ in try await pages.imports(p, request) }
        pages.get(router, "/console/imports/:id/rejects") { p, _, context in
            try await pages.rejects(p, id: context.parameters.get("id") ?? "")
        }
        pages.get(router, "/console/adapters") { p, _, _ in try await pages.adapters(p) }
        pages.get(router, "/console/counterparties") { p, request, _ in try await pages.counterparty(p, request) }
        pages.get(router, "/console/reports") { p, request, _ in try await pages.reports(p, request) }
    }
}
