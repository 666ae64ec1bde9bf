internal import Foundation
import Hummingbird
import NIOCore
import SGWCore

/// The handlers of both platforms: faults first, then credentials, then the idempotent handling the contract
/// describes, and a record line for every answer.
struct PlatformEndpoints: Sendable {
    let state: PlatformState
    let faults: FaultInjector
    let recorder: RequestRecorder
    let authenticator: Authenticator
    let retryAfterSeconds: Int

    /// The largest body read.
    static let maxBody = 16 * 1024 * 1024

    /// `POST /interaction/v1/messages`, `POST /credit/v1/records`: one message, keyed by `Idempotency-Key`.
    func single(_ request: Request, _ context: SimulatorRequestContext, platform: Platform) async throws -> Response {
        let path = request.uri.path
        let key = Self.header(request, "idempotency-key")
        let (plan, body): (FaultInjector.Plan, [UInt8])
        switch try await prepare(request, context, key: key, plan: faults.injectsNothing ? FaultInjector.Plan() : faults.planForPlatform()) {
        case .answered(let response): return response
        case .ready(let p, let b): (plan, body) = (p, b)
        }
        let outcome = await SingleSubmission(state: state, platform: platform).handle(body, key: key)
        if plan.malformed, let processed = outcome.processed {
            await state.countFault("fault:malformed")
            await recorder.record([.init(path: path, key: outcome.key, status: 200, result: "fault:malformed",
                                         duplicate: processed == "duplicate", processed: processed)])
            return Answer.malformed
        }
        await recorder.record([.init(path: path, key: outcome.key, status: Int(outcome.response.status.code),
                                     result: outcome.result, duplicate: outcome.result == "duplicate")])
        return outcome.response
    }

    /// `POST /interaction/v1/batch`, `POST /credit/v1/batch`: every item by its own id, one result each.
    func batch(_ request: Request, _ context: SimulatorRequestContext, platform: Platform) async throws -> Response {
        let path = request.uri.path
        let key = Self.header(request, "idempotency-key")
        let (plan, body): (FaultInjector.Plan, [UInt8])
        switch try await prepare(request, context, key: key, plan: faults.injectsNothing ? FaultInjector.Plan() : faults.planForPlatform()) {
        case .answered(let response): return response
        case .ready(let p, let b): (plan, body) = (p, b)
        }
        guard let object = SubmissionValidator.object(body), let items = object["items"] as? [Any] else {
            await state.countRejected()
            await recorder.record([.init(path: path, key: key, status: 422, result: "rejected", duplicate: false)])
            return Answer.rejected("the body must be a JSON object with an items array")
        }
        var results: [SubmissionAnswer] = []
        var entries: [RequestRecorder.Entry] = []
        let handler = SingleSubmission(state: state, platform: platform)
        for item in items {
            let (result, id) = await handler.handleItem(item)
            results.append(result)
            let status = result.status
            entries.append(plan.malformed
                ? .init(path: path, key: id, status: 200, result: "fault:malformed", duplicate: status == "duplicate",
                        processed: status)
                : .init(path: path, key: id, status: 200, result: status, duplicate: status == "duplicate"))
        }
        await recorder.record(entries)
        if plan.malformed {
            await state.countFault("fault:malformed")
            return Answer.malformed
        }
        return Answer.results(results)
    }

    /// `GET /interaction/v1/claims?after=SEQ&limit=N`: the visible claim events after SEQ, oldest first, and
    /// `next`, the last seq returned (or `after` when there is none).
    func claims(_ request: Request, _ context: SimulatorRequestContext) async throws -> Response {
        switch try await prepare(request, context, key: nil, plan: faults.planForFeed()) {
        case .answered(let response): return response
        case .ready: break
        }
        let query = request.uri.queryParameters
        let after = query["after"].flatMap { Int(String($0)) } ?? 0
        let limit = min(max(query["limit"].flatMap { Int(String($0)) } ?? 100, 1), 1000)
        let events = await state.events(after: after, limit: limit)
        await recorder.record([.init(path: request.uri.path, key: nil, status: 200, result: "feed", duplicate: false)])
        return Answer.json(["events": events.map(\.json), "next": events.last?.seq ?? after])
    }

    // MARK: - Steps

    /// What preparing a request came to.
    private enum Prepared {
        /// A fault or a 401 answered it (and was recorded).
        case answered(Response)
        /// Handle it: the plan (for a malformed answer) and the body.
        case ready(FaultInjector.Plan, [UInt8])
    }

    /// Plays the planned fault, or waits the latency, reads the body and checks credentials.
    private func prepare(_ request: Request, _ context: SimulatorRequestContext, key: String?,
                         plan: FaultInjector.Plan) async throws -> Prepared {
        let path = request.uri.path
        if let fault = plan.fault {
            await state.countFault(fault.result)
            if fault == .drop {
                await recorder.record([.init(path: path, key: key, status: 0, result: fault.result, duplicate: false)])
                // Close before anything is written: the client sees the connection end without an answer.
                try? await context.channel.close()
                throw DroppedConnection()
            }
            let response = Answer.fault(fault, retryAfter: retryAfterSeconds)
            await recorder.record([.init(path: path, key: key, status: Int(response.status.code), result: fault.result,
                                         duplicate: false)])
            return .answered(response)
        }
        if plan.latencyMilliseconds > 0 { try await Task.sleep(for: .milliseconds(plan.latencyMilliseconds)) }
        let body = Array(buffer: try await request.body.collect(upTo: Self.maxBody))
        guard authenticator.allows(headers: request.headers, path: path, query: request.uri.query ?? "", body: body)
        else {
            await state.countUnauthorized()
            await recorder.record([.init(path: path, key: key, status: 401, result: "rejected", duplicate: false)])
            return .answered(Answer.unauthorized)
        }
        return .ready(plan, body)
    }

    /// The first value of header `name` (lowercase).
    static func header(_ request: Request, _ name: String) -> String? {
        request.headers.first { $0.name.canonicalName == name }?.value
    }
}

/// Thrown after a dropped-connection fault closed the channel: nothing more is written.
struct DroppedConnection: Error {}

extension PlatformState.FeedEvent {
    /// The event as the feed shows it.
    var json: [String: Any] {
        var object: [String: Any] = [
            "seq": seq, "messageId": event.messageId, "type": event.type, "department": event.department,
            "at": ShanghaiTime.format(event.at),
        ]
        if let reason = event.reason { object["reason"] = reason }
        return object
    }
}
