import Foundation
import SGWCore
import SGWStore

/// A request's query parameters, read into what the service takes; a value that cannot be read is `bad-request`.
struct AdminQuery: Sendable {
    let values: [String: String]

    init(_ pairs: [(String, String)]) {
        values = Dictionary(pairs, uniquingKeysWith: { first, _ in first })
    }

    /// A parameter's text; nil when absent or empty.
    func text(_ name: String) -> String? {
        guard let value = values[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    func integer(_ name: String) throws -> Int? {
        guard let text = text(name) else { return nil }
        guard let n = Int(text) else { throw AdminError.badRequest("\(name) must be a whole number, not '\(text)'") }
        return n
    }

    func page() throws -> PageRequest {
        try PageRequest(limit: try integer("limit"), offset: try integer("offset"))
    }

    /// `since`: an instant (`2026-11-01T00:00:00+08:00`) or a date, from its start in Shanghai.
    func since() throws -> Date? {
        try instant("since", dayEnd: false)
    }

    /// `until` (exclusive): an instant, or a date, up to its end in Shanghai (the date itself is included).
    func until() throws -> Date? {
        try instant("until", dayEnd: true)
    }

    private func instant(_ name: String, dayEnd: Bool) throws -> Date? {
        guard let text = text(name) else { return nil }
        if let t = ShanghaiTime.parseInstant(text) { return t }
        if let d = LocalDate(text) { return ShanghaiTime.instant(on: dayEnd ? d.adding(days: 1) : d) }
        throw AdminError.badRequest("\(name) must be a date (2026-11-01) or a time with its offset (2026-11-01T08:00:00+08:00), not '\(text)'")
    }

    /// The message filter of `GET /api/v1/messages`: kind, department, adapter, state, counterparty, since, until.
    func messageFilter() throws -> MessageFilter {
        var filter = MessageFilter(adapter: text("adapter"), department: text("department"),
                                   counterparty: text("counterparty")?.uppercased(), since: try since(), until: try until(),
                                   state: text("state"))
        if let kind = text("kind") {
            guard let k = MessageKind(rawValue: kind) else {
                throw AdminError.badRequest("kind must be one of \(MessageKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            filter.kind = k
        }
        if let state = filter.state, !Self.states.contains(state) {
            throw AdminError.badRequest("state must be one of \(Self.states.joined(separator: ", "))")
        }
        filter.allVersions = text("versions") == "all"
        return filter
    }

    /// The states a message can be filtered by: its deliveries' and its deadlines'.
    static let states = ["pending", "leased", "delivered", "dead", "superseded",
                         "open", "claimed", "claimed-late", "auto-claimed", "overdue", "disputed", "closed", "verified", "verified-late"]
}
