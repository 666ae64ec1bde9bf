internal import Foundation
import Hummingbird
import SGWCore

/// What the platform says about one submitted message: `accepted` or `duplicate` with the receipt, or `rejected`
/// with the reason; a batch item carries its id as well.
struct SubmissionAnswer: Sendable {
    /// The message id, in batch answers only.
    var id: String?
    /// `accepted`, `duplicate` or `rejected`.
    var status: String
    /// The receipt of the first acceptance.
    var receipt: String?
    /// Why it was rejected.
    var reason: String?

    /// The answer as a JSON object, keys sorted like every other answer.
    func write(to w: inout JSONWriter) {
        w.open()
        w.string("id", id)
        w.string("reason", reason)
        w.string("receipt", receipt)
        w.string("status", status)
        w.close()
    }
}

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

    /// A single message's answer, written directly: the platform answers every message, and Foundation's
    /// JSONSerialization would be a large part of the simulator's time.
    static func submission(_ answer: SubmissionAnswer) -> Response {
        var w = JSONWriter(capacity: 128)
        answer.write(to: &w)
        return json(bytes: w.bytes)
    }

    /// A batch answer: `{"results": [answer, …]}`.
    static func results(_ answers: [SubmissionAnswer]) -> Response {
        var w = JSONWriter(capacity: 64 + 128 * answers.count)
        w.open()
        w.key("results")
        w.bytes.append(UInt8(ascii: "["))
        for (i, answer) in answers.enumerated() {
            if i > 0 { w.bytes.append(UInt8(ascii: ",")) }
            answer.write(to: &w)
        }
        w.bytes.append(UInt8(ascii: "]"))
        w.close()
        return json(bytes: w.bytes)
    }

    /// A 200 with a JSON body already written.
    private static func json(bytes: [UInt8]) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
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
