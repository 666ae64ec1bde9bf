public import Foundation
public import SGWCore
public import SGWStore

/// What the admin API and the console ask of sgw, with the reader's principal applied to every answer: a department
/// sees only its scope (the store narrows each listing, count and page in its query; one message outside it is
/// `not-found`, never `forbidden`, so that its existence does not leak), personal data is masked for roles that may
/// not see it, and an admin's or auditor's view of it is written to the audit log. The calls read the store and may
/// wait for it: call them off the event loop (`blockingCall`).
///
/// Who may do what (docs/operations.md, "Admin API"): every role reads messages, deliveries, dead letters, deadlines,
/// claims and counterparties (a department its own); imports, their rejects and the adapters are the approval
/// bureau's intake, read by admin, operator and auditor (a file mixes departments, and its rejected rows belong to no
/// message a department could be scoped by); replays and reloads are admin's and operator's; the audit log is
/// admin's and auditor's.
public struct AdminService: Sendable {
    /// The store.
    public let store: any MessageStore
    /// The working calendar: "at risk" is less than one working day left (`atRiskCutoff`), as `sgw status` counts.
    public let calendar: WorkingCalendar
    /// The clock.
    public let now: @Sendable () -> Date
    /// Reads the configuration again and puts it in force, as SIGHUP does; returns what runs, or throws its problems.
    /// Nil where no gateway runs (the API answers `unavailable`).
    public let reload: (@Sendable () async throws -> String)?

    /// Who may read imports, their rejects and the adapters' health.
    static let intakeReaders = Set(Role.allCases.filter(\.readsIntake))
    /// Who may replay and reload.
    static let operators = Set(Role.allCases.filter(\.mayOperate))
    /// Who may read the audit log.
    static let auditReaders = Set(Role.allCases.filter(\.readsAuditLog))

    /// A service over `store`.
    public init(store: any MessageStore, calendar: WorkingCalendar, now: @escaping @Sendable () -> Date = { Date() },
                reload: (@Sendable () async throws -> String)? = nil) {
        self.store = store
        self.calendar = calendar
        self.now = now
        self.reload = reload
    }

    /// The gate that resolves a request's token.
    public var gate: AccessGate { AccessGate(store: store) }

    /// Who `principal` is.
    public func me(_ principal: Principal) -> PrincipalView { PrincipalView(principal) }

    /// The messages `filter` selects that `principal` may see, newest first: one page and the total.
    public func messages(_ principal: Principal, _ filter: MessageFilter, _ page: PageRequest) throws -> PageView<MessageView> {
        var filter = filter
        filter.scope = principal.scope
        let found = try store.messagePage(filter, limit: page.limit, offset: page.offset)
        var disclosure = Disclosure(principal)
        let views = found.items.map { MessageView($0, &disclosure) }
        try logUnmasked(principal, disclosure, what: "message list")
        return PageView(items: views, total: found.total, limit: page.limit, offset: page.offset)
    }

    /// One message with its versions, deliveries, deadlines, claim events and timeline; `not-found` when there is no
    /// such message or `principal` may not see it.
    public func message(_ principal: Principal, id: String) throws -> MessageDetailView {
        guard try store.isVisible(messageID: id, to: principal.scope), let found = try store.message(id: id) else {
            throw AdminError.notFound("message \(id)")
        }
        let (stored, history) = found
        var disclosure = Disclosure(principal)
        // A version addressed to another department (its department corrected since) is that department's message.
        let versions = try store.versions(ofMessage: id).filter {
            try store.isVisible(messageID: $0.message.envelope.id.rawValue, to: principal.scope)
        }.map { v in
            MessageDetailView.Version(id: v.message.envelope.id.rawValue, version: v.message.envelope.version,
                                      receivedAt: v.message.envelope.receivedAt, contentHash: v.message.envelope.contentHash,
                                      source: disclosure.text(v.message.envelope.provenance.source, of: id),
                                      this: v.message.envelope.id.rawValue == id)
        }
        let deliveries = try store.deliveries(ofMessage: id).map { DeliveryView($0, &disclosure) }
        let deadlines = try store.deadlines(ofMessage: id).map(DeadlineView.init)
        let events = try store.platformEvents(ofMessage: id).map { r in
            MessageDetailView.Event(kind: r.event.kind.rawValue, department: r.event.department,
                                    reason: disclosure.text(r.event.reason, of: id), at: r.event.at, source: r.source, recordedAt: r.recordedAt)
        }
        var timeline = history.map { MessageDetailView.Entry(at: $0.at, event: $0.event, detail: disclosure.text($0.detail, of: id)) }
        for d in deliveries {
            if let due = d.dueAt { timeline.append(MessageDetailView.Entry(at: due, event: "due", detail: "\(d.duty) to \(d.destination): \(d.state)")) }
        }
        for d in deadlines {
            if let due = d.dueAt {
                let who = d.closedBy.map { " (\($0))" } ?? ""
                timeline.append(MessageDetailView.Entry(at: due, event: "due", detail: "\(d.duty): \(d.state)\(who)"))
            }
        }
        // Stable: history lines of the same second keep the order they were written in.
        timeline = timeline.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
        let warnings = try warningViews(principal, try store.counterpartyWarnings(forMessages: [id])[id] ?? [])
        let view = MessageDetailView(message: MessageView(stored, &disclosure), warnings: warnings, versions: versions, deliveries: deliveries,
                                     deadlines: deadlines, events: events, timeline: timeline)
        try logUnmasked(principal, disclosure, what: "message \(id)")
        return view
    }

    /// The counterparty view of the message `id`'s counterparty: how a role that sees the number masked follows a
    /// message to its counterparty. `not-found` when the message is outside the principal's scope or has none.
    public func counterparty(_ principal: Principal, ofMessage id: String, _ page: PageRequest) throws -> CounterpartyView {
        guard try store.isVisible(messageID: id, to: principal.scope), let (stored, _) = try store.message(id: id),
              let identity = stored.message.body.counterpartyIdentity else {
            throw AdminError.notFound("the counterparty of message \(id)")
        }
        return try counterparty(principal, identity: identity, page)
    }

    /// The messages of the counterparty `identity` (a USCC or an ID number) that `principal` may see, newest first.
    public func counterparty(_ principal: Principal, identity: String, _ page: PageRequest) throws -> CounterpartyView {
        guard let trimmed = Counterparty.identity(uscc: identity, idNumber: nil) else { throw AdminError.badRequest("a counterparty's USCC or ID number is required") }
        let filter = MessageFilter(counterparty: trimmed, scope: principal.scope)
        // Counted by kind in one pass (the counterparty's messages are found by reading the table), the total their sum.
        let byKind = try store.messageCountsByKind(filter)
        let items = try store.messages(filter, limit: page.limit, offset: page.offset)
        var disclosure = Disclosure(principal)
        let views = items.map { MessageView($0, &disclosure) }
        let shown = disclosure.text(trimmed, of: "counterparty \(Masking.text(trimmed))")
        try logUnmasked(principal, disclosure, what: "counterparty")
        let kinds = Dictionary(uniqueKeysWithValues: byKind.map { ($0.key.rawValue, $0.value) })
        let messages = PageView(items: views, total: byKind.values.reduce(0, +), limit: page.limit, offset: page.offset)
        // Judged over all its records, in every department: a restriction is what the approval bureau must know of. A
        // department learns of them only about a counterparty it has messages of, so that no token can probe others.
        let scoped = if case .departments = principal.scope { true } else { false }
        let restrictions = scoped && messages.total == 0 ? [] : try store.counterpartyRestrictions(identity: trimmed)
        return CounterpartyView(identity: shown, kinds: kinds, restrictions: try warningViews(principal, restrictions), messages: messages)
    }

    /// The views of `warnings` for `principal`: the earlier record's id only where the principal may open it.
    func warningViews(_ principal: Principal, _ warnings: [CounterpartyWarning]) throws -> [WarningView] {
        try warnings.map { WarningView($0, visible: try store.isVisible(messageID: $0.messageID.rawValue, to: principal.scope)) }
    }

    /// Writes one `unmasked-view` line when `disclosure` showed personal data as it is.
    func logUnmasked(_ principal: Principal, _ disclosure: Disclosure, what: String) throws {
        guard !disclosure.revealed.isEmpty else { return }
        let shown = disclosure.revealed.prefix(20).joined(separator: ", ")
            + (disclosure.revealed.count > 20 ? " and \(disclosure.revealed.count - 20) more" : "")
        try store.audit(AuditEntry(at: now(), actor: principal.name, role: principal.role, action: .unmaskedView,
                                   target: disclosure.revealed.count == 1 ? disclosure.revealed[0] : what,
                                   detail: "\(what): personal data shown unmasked in \(shown)"))
    }
}
