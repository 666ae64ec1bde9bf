public import Foundation
public import SGWFormats
import SGWStore
import SGWCore
import SGWPipeline

/// Takes one webhook adapter's requests: checks who sent it, reads and maps the body, stores its records through
/// the group commit, and says what to answer. It knows nothing of HTTP: `SGWServer` turns each verdict into a status.
public struct WebhookReceiver: Sendable {
    /// The adapter's webhook settings.
    public let settings: WebhookSettings
    /// Reads and maps bodies.
    public let intake: RecordIntake
    let committer: GroupCommit
    let events: SourceEvents

    /// A receiver storing through `committer`.
    public init(settings: WebhookSettings, intake: RecordIntake, committer: GroupCommit) {
        self.settings = settings
        self.intake = intake
        self.committer = committer
        events = SourceEvents(adapter: intake.adapter.name)
    }

    /// The adapter's name.
    public var adapter: String { intake.adapter.name }

    /// What to answer.
    public enum Verdict: Sendable {
        /// Every record stored (or known): the answer's JSON.
        case accepted(String)
        /// Some records rejected, the others stored: the answer's JSON names each.
        case partlyRejected(String)
        /// The request was stored before under the same id: the first answer, again; nothing stored now.
        case replayed(String, rejected: Bool)
        /// Unsigned, wrongly signed, expired, or a wrong key: nothing stored.
        case unauthorized(String)
        /// The body's type is not the adapter's format.
        case unsupportedMediaType(expected: String)
        /// The body cannot be read: the reader's error with its place.
        case unreadable(FormatError)
        /// The store could not take the records: the sender should try again.
        case unavailable(String)
    }

    /// Who sent the request: nil when it may go on, else the reason it may not. `header` looks a header up by name.
    public func authenticate(header: (String) -> String?, body: [UInt8], now: Date) -> String? {
        switch settings.authentication {
        case .signature(let verifier):
            switch verifier.verify(id: header("webhook-id"), timestamp: header("webhook-timestamp"),
                                   signature: header("webhook-signature"), body: body, now: now) {
            case .success: return nil
            case .failure(let f): return f.rawValue
            }
        case .apiKey(let name, let key):
            guard let given = header(name) else { return "missing-api-key" }
            // Compared without stopping at the first difference, so the time taken does not tell how much matched.
            let a = Array(given.utf8), b = Array(key.utf8)
            var difference = a.count ^ b.count
            for i in 0..<min(a.count, b.count) { difference |= Int(a[i] ^ b[i]) }
            return difference == 0 ? nil : "wrong-api-key"
        }
    }

    /// Handles a request whose body was read whole (within `settings.maxBodyBytes`).
    public func receive(header: (String) -> String?, body: [UInt8], now: Date = .now) async -> Verdict {
        if let refused = authenticate(header: header, body: body, now: now) { return .unauthorized(refused) }
        guard WebhookSettings.accepts(header("content-type"), format: intake.adapter.format) else {
            return .unsupportedMediaType(expected: WebhookSettings.expected(for: intake.adapter.format))
        }
        let requestID = header("webhook-id") ?? header("idempotency-key")
        // A request sent again (its id stored) is answered from the store by the commit, which finds the id first.
        let source = "webhook " + (requestID ?? "request at \(ShanghaiTime.format(now))")
        let intake = self.intake
        let mapped: RecordIntake.Mapped
        do {
            // A body of a few records is mapped where the request is handled: it waits for nothing, and takes less
            // time than handing it to another thread. A large one goes off the event loop, whose other connections
            // would wait for it.
            if body.count < Self.inlineBodyBytes {
                mapped = try intake.map(body, source: source, requestID: requestID, receivedAt: now)
            } else {
                mapped = try await blockingCall { () throws(FormatError) -> RecordIntake.Mapped in
                    try intake.map(body, source: source, requestID: requestID, receivedAt: now)
                }
            }
        } catch let error as FormatError {
            return .unreadable(error)
        } catch {
            return .unreadable(FormatError.malformed("\(error)"))
        }
        let answer = IntakeAnswer(records: mapped.records)
        var batch = mapped.batch
        batch.answer = { answer.json(outcomes: $0) }
        do {
            let result = try await committer.commit(batch)
            if result.seenBefore { return Self.replayed(result.answer) }
            events.stored(result.counts, rejected: batch.rejected, skipped: batch.skipped)
            let json = result.answer ?? answer.json(outcomes: result.outcomes)
            return answer.hasRejections ? .partlyRejected(json) : .accepted(json)
        } catch {
            return .unavailable("\(error)")
        }
    }

    /// Bodies up to this size (a few records) are mapped on the thread that handles the request.
    static let inlineBodyBytes = 16 << 10

    static func replayed(_ answer: String?) -> Verdict {
        let text = answer ?? #"{"status":"accepted"}"#
        return .replayed(text, rejected: !text.contains(#""status":"accepted""#))
    }
}
