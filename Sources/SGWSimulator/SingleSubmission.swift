import Hummingbird

/// The idempotent handling of one body on one platform: parse, match the key, answer a known key `duplicate`,
/// validate, accept. Shared by the single-message endpoints and each batch item.
struct SingleSubmission: Sendable {
    /// What handling one message came to.
    struct Outcome {
        /// The answer.
        var response: Response
        /// The record's result: `accepted`, `duplicate` or `rejected`.
        var result: String
        /// The key recorded: the body's id when there is one, else the header's.
        var key: String?
        /// `accepted` or `duplicate` when the answer is a success (which a malformed fault may spoil).
        var processed: String? { result == "rejected" ? nil : result }
    }

    let state: PlatformState
    let platform: Platform

    /// A single-message request: the body must carry `id` equal to the `Idempotency-Key` header.
    func handle(_ body: [UInt8], key: String?) async -> Outcome {
        guard let object = SubmissionValidator.object(body) else {
            return await rejected("the body is not a JSON object", key: key)
        }
        guard let key else { return await rejected("the Idempotency-Key header is missing", key: object["id"] as? String) }
        let id: String
        switch SubmissionValidator.id(of: object, key: key) {
        case .success(let found): id = found
        case .failure(let r): return await rejected(r.reason, key: key)
        }
        let answer = await submit(object, id: id)
        return Outcome(response: answer.status == "rejected" ? Answer.rejected(answer.reason ?? "") : Answer.submission(answer),
                       result: answer.status, key: id)
    }

    /// One batch item: its answer (with its id, empty when it has none) and its id (nil when it has none).
    func handleItem(_ item: Any) async -> (SubmissionAnswer, String?) {
        guard let object = item as? [String: Any] else {
            await state.countRejected()
            return (SubmissionAnswer(id: "", status: "rejected", reason: "the item is not a JSON object"), nil)
        }
        let id: String
        switch SubmissionValidator.id(of: object, key: nil) {
        case .success(let found): id = found
        case .failure(let r):
            await state.countRejected()
            return (SubmissionAnswer(id: "", status: "rejected", reason: r.reason), nil)
        }
        var answer = await submit(object, id: id)
        answer.id = id
        return (answer, id)
    }

    /// `duplicate` for a known id; otherwise validation, then `accepted` (or the rejection, counted). One call to
    /// the state: `submit` answers a known id as a duplicate itself.
    private func submit(_ object: [String: Any], id: String) async -> SubmissionAnswer {
        switch SubmissionValidator.validate(object, id: id, platform: platform) {
        case .success(let submission):
            switch await state.submit(submission, on: platform) {
            case .accepted(let receipt): return SubmissionAnswer(status: "accepted", receipt: receipt)
            case .duplicate(let receipt): return SubmissionAnswer(status: "duplicate", receipt: receipt)
            }
        case .failure(let r):
            // A known id is a duplicate even when this body would be refused: the platform answers by the key.
            if let first = await state.duplicateReceipt(for: id, on: platform) {
                return SubmissionAnswer(status: "duplicate", receipt: first)
            }
            await state.countRejected()
            return SubmissionAnswer(status: "rejected", reason: r.reason)
        }
    }

    private func rejected(_ reason: String, key: String?) async -> Outcome {
        await state.countRejected()
        return Outcome(response: Answer.rejected(reason), result: "rejected", key: key)
    }
}
