/// Why a delivery attempt failed, with a stable code that dead letters, `sgw deadletters list` and reports use, and
/// a message in plain words.
public struct DeliveryProblem: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: String, Sendable {
        case noAnswer = "no-answer"
        case unreadableAnswer = "unreadable-answer"
        case httpTransient = "http-transient"
        case httpPermanent = "http-permanent"
        case rejectedBody = "rejected-body"
        case templateFailed = "template-failed"
        case recipientRejected = "recipient-rejected"
        case packageNotWritten = "package-not-written"
        case incompleteRecord = "incomplete-record"
        case unreadableMessage = "unreadable-message"
    }

    private let kind: Code
    /// What happened, in plain words.
    public let message: String
    /// The stable code.
    public var code: String { kind.rawValue }
    public var description: String { "\(code): \(message)" }

    private init(_ kind: Code, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// No answer: a refused or dropped connection, a timeout.
    public static func noAnswer(_ message: String) -> Self { Self(.noAnswer, message) }
    /// An answer that cannot be read (the request may have been processed: the retry is safe by its key).
    public static func unreadableAnswer(_ message: String) -> Self { Self(.unreadableAnswer, message) }
    /// 408, 429, 5xx.
    public static func httpTransient(_ message: String) -> Self { Self(.httpTransient, message) }
    /// Any other 4xx.
    public static func httpPermanent(_ message: String) -> Self { Self(.httpPermanent, message) }
    /// The platform answered that it refuses the body.
    public static func rejectedBody(_ message: String) -> Self { Self(.rejectedBody, message) }
    /// The destination's body template could not be filled.
    public static func templateFailed(_ message: String) -> Self { Self(.templateFailed, message) }
    /// An offline package's recipient rejected the record in its receipt.
    public static func recipientRejected(_ message: String) -> Self { Self(.recipientRejected, message) }
    /// An offline package could not be written.
    public static func packageNotWritten(_ message: String) -> Self { Self(.packageNotWritten, message) }
    /// The message lacks what its platform requires (`Envelope.incomplete`): held, never sent, not replayable.
    public static func incompleteRecord(_ message: String) -> Self { Self(.incompleteRecord, message) }
    /// The stored message does not read as a message of its kind (a damaged or hand-edited store).
    public static func unreadableMessage(_ message: String) -> Self { Self(.unreadableMessage, message) }
    /// The code of `incompleteRecord`.
    public static let incompleteRecordCode = Code.incompleteRecord.rawValue
}
