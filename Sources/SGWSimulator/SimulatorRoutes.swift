internal import Foundation
import Hummingbird
import SGWCore

/// The routes: both platforms' endpoints, and `/_sim/*` for tests and demos (no faults, no credentials).
/// Any other path is answered 404 by the router.
enum SimulatorRoutes {
    /// The router serving `endpoints`.
    static func router(_ endpoints: PlatformEndpoints, sources: SourceEndpoints) -> Router<SimulatorRequestContext> {
        let router = Router(context: SimulatorRequestContext.self)
        router.post("/interaction/v1/messages") { try await endpoints.single($0, $1, platform: .interaction) }
        router.post("/interaction/v1/batch") { try await endpoints.batch($0, $1, platform: .interaction) }
        router.get("/interaction/v1/claims") { try await endpoints.claims($0, $1) }
        router.post("/credit/v1/records") { try await endpoints.single($0, $1, platform: .credit) }
        router.post("/credit/v1/batch") { try await endpoints.batch($0, $1, platform: .credit) }

        router.post("/_sim/clock") { request, _ in
            let body = try await request.body.collect(upTo: 64 * 1024)
            let object = SubmissionValidator.object(Array(buffer: body))
            guard let seconds = (object?["advanceSeconds"] as? NSNumber)?.doubleValue, seconds >= 0 else {
                return Answer.rejected("give {\"advanceSeconds\": N} with N ≥ 0", status: .badRequest)
            }
            let clock = await endpoints.state.advanceClock(by: seconds)
            return Answer.json(["now": ShanghaiTime.format(clock.now), "offsetSeconds": clock.offsetSeconds])
        }
        router.get("/_sim/clock") { _, _ in
            let clock = await endpoints.state.advanceClock(by: 0)
            return Answer.json(["now": ShanghaiTime.format(clock.now), "offsetSeconds": clock.offsetSeconds])
        }
        router.post("/sources/login") { request, _ in try await sources.login(request) }
        router.get("/sources/liaocheng/penalties") { request, _ in await sources.jsonPage(request) }
        router.get("/sources/xml/penalties") { request, _ in await sources.xmlPage(request) }
        router.get("/sources/_stats") { _, _ in Answer.json(["logins": sources.loginCount]) }

        router.get("/_sim/stats") { _, _ in Answer.json(await endpoints.state.stats().json) }
        return router
    }
}
