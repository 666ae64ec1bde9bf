import Foundation
import Hummingbird
import SGWStore

/// Dead letters, one dead letter with its request and answer, and the replay.
extension ConsolePages {
    func deadLetters(_ principal: Principal, _ request: Request) async throws -> Response {
        let page = try Self.page(Self.query(request))
        let found = try await call { try $0.deadLetters(principal, page) }
        var values: [String: Any] = ["items": try Self.deadLetterRows(found.items, principal)]
        values.merge(Self.paging(found.total, found.items.count, page, request)) { a, _ in a }
        return render("deadletters", principal, nav: "deadletters", values)
    }

    func deadLetter(_ principal: Principal, id: String, replayed: Bool, messageID: String?) async throws -> Response {
        guard let deliveryID = Int64(id) else { throw AdminError.notFound("dead letter \(id)") }
        var values: [String: Any] = ["deliveryID": id]
        do {
            let letter = try await call { try $0.deadLetter(principal, deliveryID: deliveryID) }
            var row = try Self.deadLetterRows([letter], principal)[0]
            row["replayed"] = try ConsoleValues.objects(letter.replayed)
            values["letter"] = row
            values["replayed"] = row["replayed"]
            values["canReplay"] = row["replayable"] as? Bool ?? false
            if principal.role.mayOperate, letter.code == DeliveryProblem.incompleteRecordCode {
                values["heldReason"] = "该记录缺少必填项，重新投递无效：请先导入更正后的记录。"
            }
        } catch let error as AdminError where error.code == "not-found" && replayed && messageID != nil {
            // Replayed just now: no longer a dead letter. Where it stands comes from its message's deliveries (the
            // service applies the reader's scope to the message too).
            let detail = try await call { try $0.message(principal, id: messageID ?? "") }
            guard let delivery = detail.deliveries.first(where: { $0.id == deliveryID }) else { throw error }
            values["state"] = ConsoleLabels.state(delivery.state)
            values["messageID"] = detail.message.id
        }
        values["replayedNow"] = replayed
        return render("deadletter", principal, nav: "deadletters", values)
    }

    /// Replays one dead letter (operators and admins: the service refuses the others) and shows it again.
    func replay(_ principal: Principal, id: String) async throws -> Response {
        guard let deliveryID = Int64(id) else { throw AdminError.notFound("dead letter \(id)") }
        let (letter, result) = try await call { s in
            (try s.deadLetter(principal, deliveryID: deliveryID), try s.replay(principal, deliveryIDs: [deliveryID]))
        }
        guard result.count == 1 else {
            throw AdminError.conflict("dead letter \(deliveryID) was not replayed: a record missing a required item waits for a corrected import")
        }
        return ConsoleResponse.redirect("/console/deadletters/\(deliveryID)?replayed=1&message=\(letter.messageID)")
    }

    /// Dead letters as the templates' rows: whether this reader may replay each.
    static func deadLetterRows(_ items: [DeadLetterView], _ principal: Principal) throws -> [[String: Any]] {
        try zip(items, ConsoleValues.objects(items)).map { l, row in
            var row = row
            row["kindLabel"] = ConsoleLabels.kind(l.kind)
            row["replayable"] = principal.role.mayOperate && l.code != DeliveryProblem.incompleteRecordCode
            return row
        }
    }
}
