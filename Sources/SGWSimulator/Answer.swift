internal import Foundation
import Hummingbird

/// The simulator's HTTP answers: JSON bodies as the contract shows them, and the deliberately broken ones.
enum Answer {
    /// A JSON answer (`application/json; charset=utf-8`).
    static func json(_ object: Any, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) -> Response {
        let options: JSONSerialization.WritingOptions = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: options)) ?? Data("{}".utf8)
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// `{"status": "rejected", "reason": …}`, 422 unless told otherwise.
    static func rejected(_ reason: String, status: HTTPResponse.Status = .unprocessableContent) -> Response {
        json(["status": "rejected", "reason": reason], status: status)
    }

    /// 401 for missing or wrong credentials.
    static var unauthorized: Response { rejected("unauthorized", status: .unauthorized) }

    /// The answer of an injected fault (every fault but a drop, which has none).
    static func fault(_ fault: FaultInjector.Fault, retryAfter: Int) -> Response {
        switch fault {
        case .down:
            json(["status": "unavailable", "reason": "the platform is down (simulated)"], status: .serviceUnavailable)
        case .throttle:
            json(["status": "throttled", "reason": "too many requests (simulated)"], status: .tooManyRequests,
                 headers: [.retryAfter: String(retryAfter)])
        case .error(let code):
            json(["status": "error", "reason": "internal error (simulated)"], status: .init(code: code))
        case .drop:
            json(["status": "error"], status: .internalServerError)
        }
    }

    /// A 200 whose body is not JSON: the "lost answer" a gateway must retry.
    static var malformed: Response {
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: "<html><body>请求已受理 OK</body></html>")))
    }
}
