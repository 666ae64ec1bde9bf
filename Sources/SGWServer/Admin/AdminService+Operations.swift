public import Foundation
import SGWCore
import SGWFormats
import SGWPipeline
public import SGWStore

/// Deliveries, dead letters and their replay, deadlines, claims, imports, adapters, the audit log and the reload.
extension AdminService {
    /// Deliveries of the messages `principal` may see, newest first.
    public func deliveries(_ principal: Principal, destination: String?, state: String?, _ page: PageRequest) throws
        -> PageView<DeliveryView> {
        let found = try store.deliveries(destination: destination, state: state, scope: principal.scope, limit: page.limit, offset: page.offset)
        var disclosure = Disclosure(principal)
        let items = found.items.map { DeliveryView($0, &disclosure) }
        try logUnmasked(principal, disclosure, what: "delivery list")
        return PageView(items: items, total: found.total, limit: page.limit, offset: page.offset)
    }

    /// Dead letters of the messages `principal` may see, oldest first, with the last request and answer.
    public func deadLetters(_ principal: Principal, _ page: PageRequest) throws -> PageView<DeadLetterView> {
        let found = try store.deadLetters(scope: principal.scope, limit: page.limit, offset: page.offset)
        var disclosure = Disclosure(principal)
        let items = found.items.map { DeadLetterView($0, &disclosure) }
        try logUnmasked(principal, disclosure, what: "dead letter list")
        return PageView(items: items, total: found.total, limit: page.limit, offset: page.offset)
    }

    /// One dead letter with its earlier, replayed ones; `not-found` outside `principal`'s scope.
    public func deadLetter(_ principal: Principal, deliveryID: Int64) throws -> DeadLetterView {
        guard let letter = try store.deadLetter(deliveryID: deliveryID),
              try store.isVisible(messageID: letter.messageID.rawValue, to: principal.scope) else {
            throw AdminError.notFound("dead letter \(deliveryID)")
        }
        var disclosure = Disclosure(principal)
        let view = DeadLetterView(letter, &disclosure)
        try logUnmasked(principal, disclosure, what: "dead letter \(deliveryID)")
        return view
    }

    /// Makes the dead letters `deliveryIDs` (all when nil) due again; the store writes the audit line. Operators and
    /// admins only; an id that is not a dead letter is `not-found`.
    public func replay(_ principal: Principal, deliveryIDs: [Int64]?) throws -> OperationResult {
        try AccessGate.require(principal, Self.operators, "replay dead letters")
        if let ids = deliveryIDs {
            guard !ids.isEmpty else { throw AdminError.badRequest("name the dead letters to replay (ids), or all") }
            for id in ids {
                if try store.deadLetter(deliveryID: id) == nil { throw AdminError.notFound("dead letter \(id)") }
            }
        }
        let n = try store.replay(deliveryIDs: deliveryIDs, now: now(), by: principal, machine: DeliveryStateMachine())
        return OperationResult(action: AuditEntry.Action.replay.rawValue, count: n,
                               detail: "\(n) dead letter\(n == 1 ? "" : "s") due again" + (deliveryIDs == nil ? " (all)" : ""))
    }

    /// Open duties of the messages `principal` may see that are at risk (less than one working day left) or overdue,
    /// earliest first.
    public func deadlines(_ principal: Principal, _ window: DueWindow, _ page: PageRequest) throws -> PageView<DeadlineView> {
        let t = now()
        let found = try store.dueItems(window, now: t, atRiskBefore: calendar.atRiskCutoff(after: t), scope: principal.scope,
                                       limit: page.limit, offset: page.offset)
        return PageView(items: found.items.map(DeadlineView.init), total: found.total, limit: page.limit, offset: page.offset)
    }

    /// Claim deadlines of the messages `principal` may see, per answering department and state, and a page of them.
    public func claims(_ principal: Principal, department: String?, since: Date?, until: Date?, _ page: PageRequest) throws -> ClaimsView {
        let scope = principal.scope
        var departments: [String: ClaimsView.Department] = [:]
        for t in try store.claimTallies(department: department, since: since, until: until, scope: scope) {
            departments[t.department, default: .init(department: t.department, states: [:], total: 0)].states[t.state] = t.count
            departments[t.department]?.total += t.count
        }
        let found = try store.claims(department: department, since: since, until: until, scope: scope, limit: page.limit, offset: page.offset)
        return ClaimsView(departments: departments.values.sorted { $0.department < $1.department },
                          claims: PageView(items: found.items.map(DeadlineView.init), total: found.total, limit: page.limit, offset: page.offset))
    }

    /// Imports, newest first (admin, operator, auditor).
    public func imports(_ principal: Principal, adapter: String?, _ page: PageRequest) throws -> PageView<ImportView> {
        try AccessGate.require(principal, Self.intakeReaders, "read imports")
        let found = try store.imports(adapter: adapter, limit: page.limit, offset: page.offset)
        var disclosure = Disclosure(principal)
        // A file's name, or a webhook's request path, is outside text: it may hold a number a sender put there.
        let views = found.items.map { r in
            var view = ImportView(r)
            view.file = disclosure.text(r.file, of: "import \(r.id)")
            return view
        }
        try logUnmasked(principal, disclosure, what: "imports")
        return PageView(items: views, total: found.total, limit: page.limit, offset: page.offset)
    }

    /// The rejected records of an import as CSV (UTF-8 with a BOM, for Excel): location, row, field, code, reason;
    /// masked for a role that may not see personal data.
    public func rejectsCSV(_ principal: Principal, importID: Int64) throws -> [UInt8] {
        try AccessGate.require(principal, Self.intakeReaders, "read rejected records")
        guard try store.importRecord(id: importID) != nil else { throw AdminError.notFound("import \(importID)") }
        var disclosure = Disclosure(principal)
        var writer = CSVWriter(encoding: .utf8BOM)
        writer.row(["位置 location", "行号 row", "字段 field", "代码 code", "原因 reason"])
        for r in try store.rejections(importID: importID) {
            let target = "import \(importID)"
            writer.row([disclosure.text(r.location, of: target), String(r.row), r.field, r.code.rawValue,
                        disclosure.text(r.message, of: target)])
        }
        try logUnmasked(principal, disclosure, what: "rejects of import \(importID)")
        return Array(writer.take())
    }

    /// Each adapter's health as the store records it (admin, operator, auditor).
    public func adapters(_ principal: Principal) throws -> [AdapterView] {
        try AccessGate.require(principal, Self.intakeReaders, "read the adapters' health")
        let t = now()
        var disclosure = Disclosure(principal)
        // A watermark is the source's own value (a time, an id, a cursor): outside text, masked like any.
        let views = try store.adapterActivity().map { a in
            var view = AdapterView(a, now: t)
            view.watermark = disclosure.text(a.watermark, of: "adapter \(a.adapter)")
            return view
        }
        try logUnmasked(principal, disclosure, what: "adapters")
        return views
    }

    /// The audit log, newest first, before the entry `before` (admin, auditor).
    public func audit(_ principal: Principal, before: Int64?, limit: Int) throws -> [AuditEntryView] {
        try AccessGate.require(principal, Self.auditReaders, "read the audit log")
        guard (1...PageRequest.maximumLimit).contains(limit) else {
            throw AdminError.badRequest("limit must be between 1 and \(PageRequest.maximumLimit)")
        }
        return try store.auditLog(before: before, limit: limit).map(AuditEntryView.init)
    }

    /// Reads the configuration again and puts it in force (admin, operator), with an audit line; `conflict` with the
    /// problems when it has any (the configuration in force stays).
    public func reloadConfiguration(_ principal: Principal) async throws -> OperationResult {
        try AccessGate.require(principal, Self.operators, "reload the configuration")
        guard let reload else { throw AdminError.unavailable("no gateway runs here to reload") }
        let store = self.store, at = now()
        do {
            let what = try await reload()
            try await blockingAudit(store, AuditEntry(at: at, actor: principal.name, role: principal.role, action: .configurationReload,
                                                      target: "configuration", detail: "reloaded: \(what)"))
            return OperationResult(action: AuditEntry.Action.configurationReload.rawValue, count: nil, detail: "reloaded: \(what)")
        } catch let error as AdminError {
            try await blockingAudit(store, AuditEntry(at: at, actor: principal.name, role: principal.role, action: .configurationReload,
                                                      target: "configuration", detail: "refused: \(error.message)"))
            throw error
        }
    }

    private func blockingAudit(_ store: any MessageStore, _ entry: AuditEntry) async throws {
        try await blockingCall { try store.audit(entry) }
    }
}
