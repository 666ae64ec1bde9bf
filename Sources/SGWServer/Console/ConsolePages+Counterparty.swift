import Foundation
import Hummingbird
import SGWStore

/// What sgw holds about a counterparty (周村 art. 7.2.1): its approvals, supervision messages and credit records.
extension ConsolePages {
    func counterparty(_ principal: Principal, _ request: Request) async throws -> Response {
        let query = Self.query(request)
        // By number, or by a message (its page links so: a role that sees the number masked could not search by it).
        let identity = query.text("id"), message = query.text("message")
        guard identity != nil || message != nil else {
            return render("counterparty", principal, nav: "counterparties", ["query": ""])
        }
        // The number asked for is shown again only to a role that sees personal data; the others see it masked below.
        var values: [String: Any] = ["query": principal.role.seesPersonalData ? identity ?? "" : ""]
        let page = try Self.page(query)
        let view: CounterpartyView
        do {
            view = try await call { service in
                if let identity { try service.counterparty(principal, identity: identity, page) }
                else { try service.counterparty(principal, ofMessage: message ?? "", page) }
            }
        } catch let error as AdminError where error.code == "bad-request" {
            values["error"] = error.message
            return render("counterparty", principal, nav: "counterparties", values, status: .badRequest)
        }
        values["found"] = true
        values["identity"] = view.identity
        values["kinds"] = view.kinds.sorted { $0.key < $1.key }.map { ["label": ConsoleLabels.kind($0.key), "count": String($0.value)] }
        values["restrictions"] = try ConsoleValues.objects(view.restrictions)
        values["items"] = try Self.messageRows(view.messages.items)
        values.merge(Self.paging(view.messages.total, view.messages.items.count, page, request)) { a, _ in a }
        return render("counterparty", principal, nav: "counterparties", values)
    }
}
