import AsyncHTTPClient
import Foundation
import NIOCore
import ServiceLifecycle

/// The other way claims come back (docs/platform-api.md): the platform calls the gateway. Every quarter second the
/// events that became visible are posted to the callback URL as `{"events": [...]}`, oldest first; a failed post is
/// tried again on the next tick, so the gateway may see an event twice and must treat it idempotently.
/// A service of the simulator's application, so that it stops with the server.
struct CallbackPusher: Service {
    let state: PlatformState
    let url: String
    let token: String?

    func run() async throws {
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        var pushed = 0
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            let events = await state.events(after: pushed, limit: 500)
            if !events.isEmpty, let body = try? JSONSerialization.data(withJSONObject: ["events": events.map(\.json)], options: [.sortedKeys]) {
                var request = HTTPClientRequest(url: url)
                request.method = .POST
                request.headers.add(name: "Content-Type", value: "application/json")
                if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
                request.body = .bytes(ByteBuffer(bytes: body))
                if let response = try? await client.execute(request, timeout: .seconds(5)), (200..<300).contains(response.status.code) {
                    pushed = events.last?.seq ?? pushed
                }
            }
            try? await Task.sleep(for: .milliseconds(250))
        }
        try? await client.shutdown()
    }
}
