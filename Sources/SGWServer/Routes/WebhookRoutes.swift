import Foundation
import Hummingbird
import Logging
import NIOCore
import SGWCore
import SGWSources

/// A webhook adapter's endpoint, `POST webhook.path` (routed by `WebhookMiddleware`). The status is chosen only after the records are
/// durable (the receiver awaits the group commit): `202` all stored, `422` some rejected (the others stored, the
/// answer says which), `401` unsigned or wrongly signed (counted, never stored), `413` over the body limit, `415` a
/// content type that is not the adapter's format, `400` a body that cannot be read (the reader's message and place),
/// `503` the store could not take it (the sender retries).
enum WebhookRoutes {
    static func handle(_ request: Request, receiver: WebhookReceiver, logger: Logger) async -> Response {
        let limit = receiver.settings.maxBodyBytes
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            return problem(.contentTooLarge, "too-large", "the body has \(length) bytes; this webhook takes at most \(limit)")
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            return problem(.contentTooLarge, "too-large", "the body is larger than the \(limit) bytes this webhook takes")
        } catch {
            return problem(.badRequest, "unreadable-body", "the body could not be read: \(error)")
        }
        let bytes = Array(buffer: body)
        let headers = request.headers
        let verdict = await receiver.receive(header: { name in
            let lowered = name.lowercased()
            return headers.first { $0.name.canonicalName == lowered }?.value
        }, body: bytes)
        switch verdict {
        case .accepted(let json):
            return answer(.accepted, json)
        case .partlyRejected(let json):
            return answer(.unprocessableContent, json)
        case .replayed(let json, let rejected):
            return answer(rejected ? .unprocessableContent : .accepted, json, extra: [.init("webhook-replayed")!: "true"])
        case .unauthorized(let reason):
            logger.warning("webhook \(receiver.adapter): refused (\(reason))")
            return problem(.unauthorized, reason, "the request is not signed by this adapter's sender")
        case .unsupportedMediaType(let expected):
            return problem(.unsupportedMediaType, "unsupported-media-type", "send the body as \(expected)")
        case .unreadable(let error):
            logger.notice("webhook \(receiver.adapter): unreadable body: \(Masking.text(error.description))")
            var fields: [String: Any] = ["status": "error", "code": error.code, "message": error.message]
            if let place = error.place { fields["place"] = place }
            return json(.badRequest, fields)
        case .unavailable(let why):
            logger.error("webhook \(receiver.adapter): the store could not take the request: \(why)")
            return problem(.serviceUnavailable, "store-unavailable", "the records could not be stored now; send the request again",
                           extra: [.retryAfter: "5"])
        }
    }

    static func answer(_ status: HTTPResponse.Status, _ json: String, extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
    }

    static func problem(_ status: HTTPResponse.Status, _ code: String, _ message: String, extra: HTTPFields = [:]) -> Response {
        var response = json(status, ["status": "error", "code": code, "message": message])
        response.headers.append(contentsOf: extra)
        return response
    }

    static func json(_ status: HTTPResponse.Status, _ object: [String: Any]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
