internal import Foundation
import SGWCore

/// A body the platform takes: the fields the simulator needs once it is valid.
struct Submission: Sendable {
    /// The message id, also the idempotency key.
    var id: String
    /// `approval`, `supervision`, `credit.licence` or `credit.penalty`.
    var kind: String
    /// For interaction messages: the department that will claim it.
    var department: String?
}

/// Checks bodies as the contract says: id equal to the Idempotency-Key, a known kind, the message object of an
/// interaction message, the required 双公示 items of a credit record. Returns a reason a person can act on.
enum SubmissionValidator {
    /// The JSON object of `body`, or nil when it is not a JSON object.
    static func object(_ body: [UInt8]) -> [String: Any]? {
        guard !body.isEmpty else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
    }

    /// The body's id, checked against the `Idempotency-Key` header when `key` is given.
    static func id(of object: [String: Any], key: String?) -> Result<String, Rejected> {
        guard let id = object["id"] as? String, !id.isEmpty else { return .failure(Rejected("id is missing")) }
        if let key, key != id {
            return .failure(Rejected("id \(id) differs from the Idempotency-Key \(key)"))
        }
        return .success(id)
    }

    /// The submission for `platform`, or why it is refused.
    static func validate(_ object: [String: Any], id: String, platform: Platform) -> Result<Submission, Rejected> {
        guard let kind = object["kind"] as? String, platform.kinds.contains(kind) else {
            let shown = (object["kind"] as? String).map { "'\($0)'" } ?? "missing"
            return .failure(Rejected("kind is \(shown); expected " + platform.kinds.joined(separator: " or ")))
        }
        switch platform {
        case .interaction:
            guard let message = object["message"] as? [String: Any] else {
                return .failure(Rejected("message must be a JSON object"))
            }
            return .success(Submission(id: id, kind: kind, department: department(of: message, kind: kind)))
        case .credit where kind == "credit.inspection":
            // An inspection result (聊城 art. 19.1) has no 双公示 items: it comes as the canonical message.
            guard object["message"] is [String: Any] else { return .failure(Rejected("message must be a JSON object")) }
            return .success(Submission(id: id, kind: kind))
        case .credit:
            guard let raw = object["items"] as? [String: Any] else {
                return .failure(Rejected("items must be a JSON object"))
            }
            var items: [String: String] = [:]
            for (code, value) in raw {
                guard let text = value as? String else {
                    return .failure(Rejected("item \(code) must be text"))
                }
                items[code] = text
            }
            let missing = CreditItems.missing(in: items, kind: kind)
            guard missing.isEmpty else {
                return .failure(Rejected("missing required items: " + missing.joined(separator: ", ")))
            }
            return .success(Submission(id: id, kind: kind))
        }
    }

    /// Who claims the message: an approval's `supervisingDepartment` (监管部门); supervision information goes
    /// back to the approval bureau, which the message does not name.
    static func department(of message: [String: Any], kind: String) -> String {
        for field in ["supervisingDepartment", "receivingDepartment"] {
            if let name = message[field] as? String, !name.isEmpty { return name }
        }
        return kind == "supervision" ? "行政审批服务局" : "监管部门"
    }
}

/// Why a body is refused (`{"status": "rejected", "reason": …}`).
struct Rejected: Error, Sendable {
    /// The reason shown to the sender.
    var reason: String

    init(_ reason: String) { self.reason = reason }
}
