public import Foundation
public import SGWStore

/// A dead letter with the last request and answer (and, for one dead letter, the earlier ones an operator replayed),
/// masked for the reader.
public struct DeadLetterView: Encodable, Sendable {
    public var deliveryID: Int64
    public var messageID: String, kind: String, key: String
    public var destination: String
    public var code: String, reason: String
    public var attempts: Int
    public var at: Date
    public var request: String?, response: String?
    public var replayed: [Replayed]

    /// An earlier dead letter of the same delivery, replayed.
    public struct Replayed: Encodable, Sendable {
        public var parkedAt: Date, replayedAt: Date
        public var replayedBy: String
        public var code: String, reason: String
        public var request: String?, response: String?
    }

    /// The view of `l` for the reader `disclosure` describes.
    public init(_ l: DeadLetter, _ disclosure: inout Disclosure) {
        let target = "delivery \(l.deliveryID)"
        func body(_ text: String?, _ disclosure: inout Disclosure) -> String? {
            text.map { String(decoding: disclosure.json(Array($0.utf8), of: target), as: UTF8.self) }
        }
        deliveryID = l.deliveryID
        messageID = l.messageID.rawValue
        kind = l.kind
        key = disclosure.text(l.key, of: target)
        destination = l.destination
        code = l.code
        reason = disclosure.text(l.reason, of: target)
        attempts = l.attempts
        at = l.at
        request = body(l.request, &disclosure)
        response = body(l.response, &disclosure)
        replayed = l.replayed.map { r in
            Replayed(parkedAt: r.parkedAt, replayedAt: r.replayedAt, replayedBy: r.replayedBy, code: r.code,
                     reason: disclosure.text(r.reason, of: target), request: body(r.request, &disclosure), response: body(r.response, &disclosure))
        }
    }
}
