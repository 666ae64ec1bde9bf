import Foundation
import Hummingbird
import SGWCore
import SGWStore

/// The message search and one message's page.
extension ConsolePages {
    func messages(_ principal: Principal, _ request: Request) async throws -> Response {
        let query = Self.query(request)
        var values: [String: Any] = [
            "filters": ["department": query.text("department") ?? "", "adapter": query.text("adapter") ?? "",
                        "since": query.text("since") ?? "", "until": query.text("until") ?? "",
                        // The number asked for is shown again only to a role that sees personal data, as on the
                        // counterparty page.
                        "counterparty": principal.role.seesPersonalData ? query.text("counterparty") ?? "" : ""],
            "kinds": ConsoleLabels.kinds.map { ["value": $0, "label": ConsoleLabels.kind($0), "selected": query.text("kind") == $0] },
            "states": AdminQuery.states.map { ["value": $0, "label": ConsoleLabels.state($0), "selected": query.text("state") == $0] },
        ]
        let filter: MessageFilter, page: PageRequest
        do {
            (filter, page) = (try query.messageFilter(), try Self.page(query))
        } catch let error as AdminError where error.code == "bad-request" {
            values["error"] = error.message
            values.merge(Self.paging(0, 0, .first, request)) { a, _ in a }
            values["items"] = [Any]()
            return render("messages", principal, nav: "messages", values, status: .badRequest)
        }
        let found = try await call { try $0.messages(principal, filter, page) }
        values["items"] = try Self.messageRows(found.items)
        values.merge(Self.paging(found.total, found.items.count, page, request)) { a, _ in a }
        return render("messages", principal, nav: "messages", values)
    }

    func message(_ principal: Principal, id: String) async throws -> Response {
        let detail = try await call { try $0.message(principal, id: id) }
        var values = try ConsoleValues.object(detail)
        values["kindLabel"] = ConsoleLabels.kind(detail.message.kind)
        values["hasCorrections"] = detail.versions.count > 1
        values["timeline"] = try zip(detail.timeline, ConsoleValues.objects(detail.timeline)).map { entry, row in
            var row = row
            row["label"] = ConsoleLabels.event(entry.event)
            row["tone"] = ConsoleLabels.tone(entry.event)
            return row
        }
        values["deliveries"] = try zip(detail.deliveries, ConsoleValues.objects(detail.deliveries)).map { d, row in
            var row = row
            row["stateLabel"] = ConsoleLabels.state(d.state)
            row["tone"] = ConsoleLabels.tone(d.state)
            return row
        }
        values["deadlines"] = try Self.deadlineRows(detail.deadlines)
        values["bodyText"] = Self.pretty(detail.message.body)
        return render("message", principal, nav: "messages", values)
    }

    /// Messages as the templates' rows.
    static func messageRows(_ items: [MessageView]) throws -> [[String: Any]] {
        try zip(items, ConsoleValues.objects(items)).map { m, row in
            var row = row
            row["kindLabel"] = ConsoleLabels.kind(m.kind)
            return row
        }
    }

    /// A message body as indented JSON (already masked by the service).
    static func pretty(_ body: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(body)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}
