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
        switch await submit(object, id: id) {
        case .success(let (status, receipt)):
            return Outcome(response: Answer.json(["status": status, "receipt": receipt]), result: status, key: id)
        case .failure(let r):
            // Already counted by `submit`.
            return Outcome(response: Answer.rejected(r.reason), result: "rejected", key: id)
        }
    }

    /// One batch item: its answer object and its id (nil when it has none).
    func handleItem(_ item: Any) async -> ([String: Any], String?) {
        guard let object = item as? [String: Any] else {
            await state.countRejected()
            return (["id": "", "status": "rejected", "reason": "the item is not a JSON object"], nil)
        }
        let id: String
        switch SubmissionValidator.id(of: object, key: nil) {
        case .success(let found): id = found
        case .failure(let r):
            await state.countRejected()
            return (["id": "", "status": "rejected", "reason": r.reason], nil)
        }
        switch await submit(object, id: id) {
        case .success(let (status, receipt)): return (["id": id, "status": status, "receipt": receipt], id)
        case .failure(let r): return (["id": id, "status": "rejected", "reason": r.reason], id)
        }
    }

    /// `duplicate` for a known id; otherwise validation, then `accepted` (or the rejection, counted).
    private func submit(_ object: [String: Any], id: String) async -> Result<(String, String), Rejected> {
        if let first = await state.duplicateReceipt(for: id, on: platform) { return .success(("duplicate", first)) }
        switch SubmissionValidator.validate(object, id: id, platform: platform) {
        case .success(let submission):
            switch await state.submit(submission, on: platform) {
            case .accepted(let receipt): return .success(("accepted", receipt))
            case .duplicate(let receipt): return .success(("duplicate", receipt))
            }
        case .failure(let r):
            await state.countRejected()
            return .failure(r)
        }
    }

    private func rejected(_ reason: String, key: String?) async -> Outcome {
        await state.countRejected()
        return Outcome(response: Answer.rejected(reason), result: "rejected", key: key)
    }
}
