import Foundation
import GRDB
import SGWCore
import SGWPipeline
@testable import SGWStore
import SGWTesting
import Testing

/// The store's side of delivery: leases committed before sending, reports applied through the state machine, stale
/// workers ignored, dead letters and replay, claims and auto-claims; no network, an explicit clock.
@Suite struct DeliveryStoreTests {
    static let calculator = DeadlineCalculator(calendar: try! WorkingCalendar.load(), profiles: try! ProfileCatalog.load())
    let machine = DeliveryStateMachine(configuration: .init(baseDelay: 1, maximumDelay: 10, leaseDuration: 60))
    let t0 = ShanghaiTime.parseInstant("2026-11-23T10:00:00+08:00")!

    static var profiles: ProfileCatalog { calculator.profiles }

    func store(_ dir: TemporaryDirectory, approvals: Int, profile: String = "zhoucun") throws -> SQLiteStore {
        let store = try SQLiteStore(dataFolder: dir.path)
        let planner = DeliveryPlanner(calculator: Self.calculator)
        let items = (0..<approvals).map { i in
            planner.plan(CanonicalMessage.make(body: .approval(Fixtures.approval()), key: "k\(i)", profile: profile,
                                               provenance: Provenance(adapter: "a", source: "f.csv", location: "row \(i + 2)"),
                                               receivedAt: t0))
        }
        _ = try store.ingest(items, rejections: [], importID: nil, at: t0)
        return store
    }

    @Test func aLeaseIsExclusiveUntilItExpiresAndAStaleReportIsIgnored() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try store(dir, approvals: 3)
        let first = try store.lease(destination: "interaction", now: t0, limit: 10, machine: machine)
        #expect(first.count == 3)
        #expect(first.allSatisfy { $0.attempt == 1 })
        // Held: nobody else gets them before the lease runs out.
        #expect(try store.lease(destination: "interaction", now: t0.addingTimeInterval(30), limit: 10, machine: machine).isEmpty)
        // The first worker "crashed"; after 60 s another takes them over.
        let second = try store.lease(destination: "interaction", now: t0.addingTimeInterval(61), limit: 10, machine: machine)
        #expect(second.map(\.attempt) == [2, 2, 2])
        // The first worker's late answer is ignored; the second's counts.
        let stale = try store.complete(first.map { DeliveryReport(lease: $0, event: .succeeded, jitter: 0, detail: "late") },
                                       now: t0.addingTimeInterval(62), machine: machine)
        #expect(stale.allSatisfy { if case .ignore = $0 { true } else { false } })
        let done = try store.complete(second.map { DeliveryReport(lease: $0, event: .succeeded, jitter: 0, receipt: "R", detail: "HTTP 200") },
                                      now: t0.addingTimeInterval(63), machine: machine)
        #expect(done == [.recordDelivered, .recordDelivered, .recordDelivered])
        #expect(try store.backlog(destinations: ["interaction"], now: t0.addingTimeInterval(63)).isIdle)
        // Every attempt is in the history: the first one's expiry, its late answer, the second's delivery.
        let (_, history) = try #require(try store.message(id: second[0].message.envelope.id.rawValue))
        #expect(history.map(\.event) == ["ingested", "lease-expired", "late-answer", "delivered"])
        #expect(history[2].detail.contains("interaction attempt 1: late"))
        #expect(history[3].detail.contains("interaction attempt 2: HTTP 200, receipt R"))
    }

    @Test func reportsAndTheNextLeasesGoInOneCallAndLeasesGivenBackComeAgain() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try store(dir, approvals: 4)
        let (none, first) = try store.complete([], thenLease: "interaction", limit: 2, now: t0, machine: machine)
        #expect(none.isEmpty && first.count == 2)
        #expect(first.allSatisfy { $0.until == t0.addingTimeInterval(60) })
        // One wave's reports (one sent, one given back unsent) and the next wave's leases in one transaction.
        let reports = [
            DeliveryReport(lease: first[0], event: .succeeded, jitter: 0, receipt: "R1", detail: "HTTP 200"),
            DeliveryReport(lease: first[1], event: .unsent, jitter: 0, detail: "its lease would have run out"),
        ]
        let (actions, second) = try store.complete(reports, thenLease: "interaction", limit: 10, now: t0.addingTimeInterval(1),
                                                   machine: machine)
        #expect(actions == [.recordDelivered, .release])
        // The one given back is due again at once, still as its first attempt, beside the two never leased.
        #expect(second.count == 3)
        #expect(second.allSatisfy { $0.attempt == 1 })
        #expect(second.contains { $0.id == first[1].id })
        let (_, history) = try #require(try store.message(id: first[1].message.envelope.id.rawValue))
        #expect(history.map(\.event) == ["ingested", "lease-returned"])
    }

    @Test func transientFailuresWaitAndPermanentOnesBecomeDeadLettersUntilReplayed() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try store(dir, approvals: 2)
        let leases = try store.lease(destination: "interaction", now: t0, limit: 10, machine: machine)
        let reports = [
            DeliveryReport(lease: leases[0], event: .failed(.transient(reason: "HTTP 503", retryAfter: 5)), jitter: 0, detail: "HTTP 503"),
            DeliveryReport(lease: leases[1], event: .failed(.permanent(reason: "HTTP 400")), jitter: 0, detail: "HTTP 400",
                           problem: .httpPermanent("HTTP 400"), request: "{}", response: "bad"),
        ]
        let actions = try store.complete(reports, now: t0, machine: machine)
        #expect(actions[0] == .retry(at: t0.addingTimeInterval(5)))
        #expect(actions[1] == .park(reason: "HTTP 400"))
        var backlog = try store.backlog(destinations: ["interaction"], now: t0.addingTimeInterval(1))
        #expect(backlog.waiting == 1 && backlog.due == 0)
        #expect(backlog.nextDueAt == t0.addingTimeInterval(5))
        #expect(try store.lease(destination: "interaction", now: t0.addingTimeInterval(5), limit: 10, machine: machine).map(\.attempt) == [2])
        let letters = try store.deadLetters(limit: 10)
        #expect(letters.count == 1)
        #expect(letters[0].request == "{}" && letters[0].response == "bad")
        #expect(letters[0].code == "http-permanent")
        #expect(try store.replay(deliveryIDs: nil, now: t0.addingTimeInterval(6), by: Principal(name: "test", role: .operator), machine: machine) == 1)
        #expect(try store.deadLetters(limit: 10).isEmpty)
        backlog = try store.backlog(destinations: ["interaction"], now: t0.addingTimeInterval(6))
        #expect(backlog.due == 1)
        // Refused again: the new dead letter is shown, and the first one's request and answer are kept beside it.
        let again = try store.lease(destination: "interaction", now: t0.addingTimeInterval(6), limit: 10, machine: machine)
        _ = try store.complete([DeliveryReport(lease: again[0], event: .failed(.permanent(reason: "HTTP 409")), jitter: 0, detail: "HTTP 409",
                                               problem: .httpPermanent("HTTP 409"), request: "{\"v\":2}", response: "conflict")],
                               now: t0.addingTimeInterval(7), machine: machine)
        let letter = try #require(try store.deadLetter(deliveryID: letters[0].deliveryID))
        #expect(letter.response == "conflict")
        #expect(letter.replayed.map(\.response) == ["bad"] && letter.replayed.map(\.request) == ["{}"])
        #expect(letter.replayed.first?.replayedBy == "test")
    }

    @Test func claimsCloseDeadlinesAndTheRestAreAutoClaimedOnceAcknowledged() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try store(dir, approvals: 2)
        // Not acknowledged yet: nothing is auto-claimed however late it is.
        #expect(try store.closeDueDeadlines(now: t0.addingTimeInterval(30 * 86400), profiles: Self.profiles).isEmpty)
        let leases = try store.lease(destination: "interaction", now: t0, limit: 10, machine: machine)
        let planner = DeliveryPlanner(calculator: Self.calculator)
        _ = try store.complete(leases.map {
            DeliveryReport(lease: $0, event: .succeeded, jitter: 0, detail: "ok",
                           restartedDeadlines: planner.deadlinesCountedFromPush($0.message.envelope, acknowledgedAt: t0))
        }, now: t0, machine: machine)
        // 周村: claim within 1 working day of the push (Monday 2026-11-23 → Tuesday).
        let claimed = leases[0].message.envelope.id.rawValue
        try store.record([PlatformEvent(messageID: MessageID(rawValue: claimed), kind: .claimed, department: "区水利局", at: t0.addingTimeInterval(3600))],
                         source: "interaction", cursor: 1, now: t0.addingTimeInterval(3600))
        #expect(try store.eventCursor(source: "interaction") == 1)
        #expect(try store.closeDueDeadlines(now: t0.addingTimeInterval(3600), profiles: Self.profiles).isEmpty)
        let closed = try store.closeDueDeadlines(now: ShanghaiTime.parseInstant("2026-11-25T09:00:00+08:00")!, profiles: Self.profiles)
        #expect(closed.filter { $0.state == .autoClaimed }.map(\.messageID.rawValue) == [leases[1].message.envelope.id.rawValue])
        #expect(closed.filter { $0.state == .autoClaimed }.map(\.department) == ["区水利局"])
        var status = try store.deliveryStatus(now: t0.addingTimeInterval(86400 * 3), atRiskBefore: t0.addingTimeInterval(86400 * 4))
        #expect(status.claimed == 1 && status.autoClaimed == 1 && status.claimsOpen == 0 && status.claimsOverdue == 0)
        // The department claims a day after the auto-claim: recorded on the deadline as late, with how late.
        let late = t0.addingTimeInterval(2 * 86400)
        try store.record([PlatformEvent(messageID: MessageID(rawValue: leases[1].message.envelope.id.rawValue), kind: .claimed, department: "区水利局", at: late)],
                         source: "interaction", cursor: 2, now: late)
        status = try store.deliveryStatus(now: late, atRiskBefore: late)
        #expect(status.autoClaimed == 0 && status.claimedLate == 1)
        let (_, history) = try #require(try store.message(id: leases[1].message.envelope.id.rawValue))
        #expect(history.map(\.event).contains("auto-claimed") && history.last?.event == "claimed-late")
        #expect(history.last?.detail.contains("it had been auto-claimed (视为自动认领)") == true)
    }

    /// A deadline that crosses into 2027 before its notice is loaded is provisional; loading the year counts it again
    /// (元旦 2027 is a holiday, so one day later) and says so in the history, once.
    @Test func loadingTheNextYearsNoticeRecountsProvisionalDeadlines() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("calendar/2027.yaml", """
            year: 2027
            notice: 国务院办公厅关于2027年部分节假日安排的通知
            holidays:
              - {name: 元旦, from: '2027-01-01', to: '2027-01-03'}
            """)
        let received = ShanghaiTime.parseInstant("2026-12-30T10:00:00+08:00")!
        let store = try SQLiteStore(dataFolder: dir.path)
        let message = CanonicalMessage.make(body: .approval(Fixtures.approval()), key: "k", profile: "qufu",
                                            provenance: Provenance(adapter: "a", source: "f.csv", location: "row 2"), receivedAt: received)
        let item = DeliveryPlanner(calculator: Self.calculator).plan(message)
        #expect(item.deadlines.map(\.provisional) == [true])
        _ = try store.ingest([item], rejections: [], importID: nil, at: received)
        var status = try store.deliveryStatus(now: received, atRiskBefore: received)
        #expect(status.provisionalOpen == [.init(year: 2027, deadlines: 1, deliveries: 0)])
        // Pushed and acknowledged; weekends only counted, the claim looks overdue just after Monday 2027-01-04.
        let leases = try store.lease(destination: "interaction", now: received, limit: 10, machine: machine)
        _ = try store.complete(leases.map { DeliveryReport(lease: $0, event: .succeeded, jitter: 0, detail: "ok") }, now: received, machine: machine)
        let judged = ShanghaiTime.parseInstant("2027-01-05T00:01:00+08:00")!
        #expect(try store.closeDueDeadlines(now: judged, profiles: Self.profiles).map(\.state) == [.overdue])
        let loaded = DeliveryPlanner(calculator: DeadlineCalculator(calendar: try WorkingCalendar.load(extraFolder: dir.path + "/calendar"),
                                                                   profiles: Self.profiles))
        // Without 2027 loaded nothing is counted again.
        #expect(try store.recountProvisional(now: judged, loadedYears: Self.calculator.calendar.loadedYears) {
            DeliveryPlanner(calculator: Self.calculator).replan($0, acknowledgedAt: $1) } == 0)
        #expect(try store.recountProvisional(now: judged, loadedYears: loaded.calculator.calendar.loadedYears) {
            loaded.replan($0, acknowledgedAt: $1) } == 1)
        status = try store.deliveryStatus(now: judged, atRiskBefore: judged)
        #expect(status.provisionalOpen.isEmpty)
        // 元旦 moved it to Tuesday: not overdue after all, open again.
        #expect(status.claimsOverdue == 0 && status.claimsOpen == 1)
        let (_, history) = try #require(try store.message(id: message.envelope.id.rawValue))
        #expect(history.last?.event == "recounted")
        #expect(history.last?.detail == "approval.claim was due 2027-01-04T23:59:59+08:00, counted over a year whose calendar was not "
                + "loaded; now due 2027-01-05T23:59:59+08:00; no longer overdue")
        #expect(try store.recountProvisional(now: judged, loadedYears: loaded.calculator.calendar.loadedYears) {
            loaded.replan($0, acknowledgedAt: $1) } == 0)
    }

    /// An at-once push runs from receipt; the days from the decision to receipt are the source system's, reported per
    /// adapter so that the department that exported late is seen (周村 art. 15).
    @Test func anAtOnceMessageReceivedDaysAfterItsDecisionIsReportedAsExportedLate() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try store(dir, approvals: 2)
        // Decided 2024-09-30, received 2026-11-23: 784 days.
        let status = try store.deliveryStatus(now: t0, atRiskBefore: t0)
        #expect(status.lateExports == [.init(adapter: "a", kind: "approval", count: 2, maxDays: 784)])
    }

    /// 曲阜 art. 20.1 sets a 3-working-day claim and no auto-claim: one minute after the deadline the approvals are
    /// overdue and open, counted per department; a late claim closes one, recorded as late.
    @Test func withoutAutoClaimInTheTextAnUnclaimedApprovalIsOverdueAndALateClaimClosesIt() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try store(dir, approvals: 2, profile: "qufu")
        let leases = try store.lease(destination: "interaction", now: t0, limit: 10, machine: machine)
        let planner = DeliveryPlanner(calculator: Self.calculator)
        _ = try store.complete(leases.map {
            DeliveryReport(lease: $0, event: .succeeded, jitter: 0, detail: "ok",
                           restartedDeadlines: planner.deadlinesCountedFromPush($0.message.envelope, acknowledgedAt: t0))
        }, now: t0, machine: machine)
        // Monday 2026-11-23 + 3 working days: Thursday 2026-11-26, 23:59:59.
        let due = ShanghaiTime.parseInstant("2026-11-26T23:59:59+08:00")!
        #expect(try store.closeDueDeadlines(now: due.addingTimeInterval(-60), profiles: Self.profiles).isEmpty)
        let closed = try store.closeDueDeadlines(now: due.addingTimeInterval(60), profiles: Self.profiles)
        #expect(closed.count == 2 && closed.allSatisfy { $0.state == .overdue && $0.duty == .approvalClaim && $0.department == "区水利局" })
        // Once overdue, it is not acted on again.
        #expect(try store.closeDueDeadlines(now: due.addingTimeInterval(3600), profiles: Self.profiles).isEmpty)
        var status = try store.deliveryStatus(now: due.addingTimeInterval(60), atRiskBefore: due.addingTimeInterval(60))
        #expect(status.autoClaimed == 0 && status.claimsOverdue == 2 && status.claimsOpen == 0)
        #expect(status.overdueByDepartment == [.init(duty: "approval.claim", department: "区水利局", count: 2)])
        let lateAt = due.addingTimeInterval(86400 + 60)
        let id = leases[0].message.envelope.id.rawValue
        try store.record([PlatformEvent(messageID: MessageID(rawValue: id), kind: .claimed, department: "区水利局", at: lateAt)], source: "interaction",
                         cursor: 1, now: lateAt)
        status = try store.deliveryStatus(now: lateAt, atRiskBefore: lateAt)
        #expect(status.claimsOverdue == 1 && status.claimedLate == 1)
        let (_, history) = try #require(try store.message(id: id))
        #expect(history.map(\.event).suffix(2) == ["overdue", "claimed-late"])
        #expect(history.last?.detail.contains("1 d 1 min after the claim deadline") == true)
        #expect(history.dropLast().last?.detail.contains("late: 区水利局") == true)
    }

    /// A row damaged outside sgw (an unknown kind, a decision date that is no date) is parked when leased; the rest
    /// of the wave is leased as usual, and the next lease does not meet it again.
    @Test func aDamagedRowIsParkedWhenLeasedAndTheRestGoOn() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try store(dir, approvals: 3)
        let ids = try store.writer.read { try String.fetchAll($0, sql: "SELECT id FROM message ORDER BY id") }
        try store.writer.write { db in
            try db.execute(sql: "UPDATE message SET kind = 'approvall' WHERE id = ?", arguments: [ids[0]])
            try db.execute(sql: "UPDATE message SET decisionDate = '2024-13-01' WHERE id = ?", arguments: [ids[1]])
        }
        let leases = try store.lease(destination: "interaction", now: t0, limit: 10, machine: machine)
        #expect(leases.map(\.message.envelope.id.rawValue) == [ids[2]])
        let letters = try store.deadLetters(limit: 10)
        #expect(Set(letters.map(\.messageID.rawValue)) == Set(ids[0...1]))
        #expect(letters.allSatisfy { $0.code == "unreadable-message" })
        #expect(try store.lease(destination: "interaction", now: t0.addingTimeInterval(120), limit: 10, machine: machine).map(\.id)
                == leases.map(\.id))
    }

    @Test func aLeasedMessageGivesTheSameRequestBodyAsTheDecodedMessage() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try SQLiteStore(dataFolder: dir.path)
        let planner = DeliveryPlanner(calculator: Self.calculator)
        let provenance = Provenance(adapter: "a", source: "s")
        let messages = [MessageBody.approval(Fixtures.approval()), .supervision(Fixtures.supervision()),
                        .creditLicence(Fixtures.creditLicence()), .creditPenalty(Fixtures.creditPenalty()),
                        .creditInspection(Fixtures.inspection())].enumerated().map {
            CanonicalMessage.make(body: $1, key: "k\($0)", profile: "linzi", provenance: provenance, receivedAt: t0)
        }
        _ = try store.ingest(messages.map(planner.plan), rejections: [], importID: nil, at: t0)
        var leased: [DeliveryLease] = []
        for destination in ["interaction", "credit"] {
            leased += try store.lease(destination: destination, now: t0, limit: 10, machine: machine)
        }
        let byID = Dictionary(uniqueKeysWithValues: messages.map { ($0.envelope.id, $0) })
        #expect(Set(leased.map(\.message.envelope.kind)) == Set(MessageKind.allCases))
        for lease in leased {
            let original = try #require(byID[lease.message.envelope.id])
            #expect(try PlatformPayload.body(for: lease.message) == PlatformPayload.body(for: original))
            #expect(try lease.message.decoded() == original)
            #expect(lease.message.decisionDate == original.body.decisionDate)
        }
    }

    @Test func creditPayloadsCarryTheItemCodes() throws {
        let message = CanonicalMessage.make(body: .creditLicence(Fixtures.creditLicence()), key: "k", profile: "linzi",
                                            provenance: Provenance(adapter: "a", source: "s"))
        let body = try #require(try JSONSerialization.jsonObject(with: Data(PlatformPayload.body(for: message))) as? [String: Any])
        let items = try #require(body["items"] as? [String: String])
        #expect(CreditItems.missing(in: items, kind: "credit.licence").isEmpty)
        #expect(items["XK_JDRQ"]?.contains("/") == true)
        #expect(body["id"] as? String == message.envelope.id.rawValue)
        // A platform with its own field names: a body template.
        let fitted = try BodyTemplate.render(#"{"xkId": "{{id}}", "dwmc": "{{items.XK_XDR_MC}}", "note": "v{{version}}"}"#,
                                             body: PlatformPayload.body(for: message))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(fitted)) as? [String: Any])
        #expect(object["dwmc"] as? String == items["XK_XDR_MC"])
        #expect(object["note"] as? String == "v1")
    }

    /// A version the platform refused is superseded by its correction: an operator's `replay --all` must not send the
    /// old version after the new one, which would overwrite it on the platform.
    @Test func aCorrectionSupersedesTheDeadLettersOfEarlierVersions() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try store(dir, approvals: 1)
        let leases = try store.lease(destination: "interaction", now: t0, limit: 10, machine: machine)
        _ = try store.complete([DeliveryReport(lease: leases[0], event: .failed(.permanent(reason: "HTTP 422")), jitter: 0, detail: "HTTP 422",
                                               problem: .rejectedBody("name missing"), request: "{}", response: "rejected")],
                               now: t0, machine: machine)
        #expect(try store.deadLetters(limit: 10).count == 1)
        let corrected = Fixtures.approval(content: Fixtures.approval().content + "（更正）")
        let v2 = CanonicalMessage.make(body: .approval(corrected), key: "k0", profile: "zhoucun",
                                       provenance: Provenance(adapter: "a", source: "f.csv", location: "row 2"), receivedAt: t0)
        #expect(try store.ingest([DeliveryPlanner(calculator: Self.calculator).plan(v2)], rejections: [], importID: nil, at: t0)
                == [.updated(version: 2)])
        #expect(try store.deadLetters(limit: 10).isEmpty)
        #expect(try store.replay(deliveryIDs: nil, now: t0, by: Principal(name: "test", role: .operator), machine: machine) == 0)
        #expect(try store.lease(destination: "interaction", now: t0, limit: 10, machine: machine).map(\.message.envelope.version) == [2])
        let (_, history) = try #require(try store.message(id: leases[0].message.envelope.id.rawValue))
        #expect(history.last?.detail == "interaction: the dead letter is superseded by version 2 (\(v2.envelope.id.rawValue))")
    }

    /// A 双公示 record held as incomplete (its mapping says `when_incomplete: hold`) is never leased or replayed;
    /// it waits as a dead letter with the code incomplete-record, and a corrected version takes its place.
    @Test func anIncompleteRecordIsHeldUntilACorrectionSupersedesIt() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try SQLiteStore(dataFolder: dir.path)
        let planner = DeliveryPlanner(calculator: Self.calculator)
        var party = Fixtures.organisation()
        party.legalRepresentative = nil
        let licence = Fixtures.creditLicence(counterparty: party)
        let provenance = Provenance(adapter: "qufu-approvals", source: "q.xml", location: "element 1")
        let held = CanonicalMessage.make(body: .creditLicence(licence), key: "q:1", profile: "qufu", provenance: provenance,
                                         receivedAt: t0, incomplete: "counterparty.legalRepresentative: required for organisations")
        #expect(try store.ingest([planner.plan(held)], rejections: [], importID: nil, at: t0) == [.accepted])
        #expect(try store.lease(destination: "credit", now: t0, limit: 10, machine: machine).isEmpty)
        let letters = try store.deadLetters(limit: 10)
        #expect(letters.map(\.code) == ["incomplete-record"])
        #expect(letters[0].reason.contains("counterparty.legalRepresentative"))
        #expect(try store.replay(deliveryIDs: nil, now: t0, by: Principal(name: "test", role: .operator), machine: machine) == 0)
        #expect(try store.replay(deliveryIDs: [letters[0].deliveryID], now: t0, by: Principal(name: "test", role: .operator), machine: machine) == 0)
        // The stored message says why it is held.
        #expect(try store.message(id: held.envelope.id.rawValue)?.0.message.envelope.incomplete == held.envelope.incomplete)

        // The record comes again, complete: version 2 is sent, the held version leaves the operator's list.
        party.legalRepresentative = "张三"
        let corrected = CanonicalMessage.make(body: .creditLicence(Fixtures.creditLicence(counterparty: party)), key: "q:1", profile: "qufu", provenance: provenance,
                                              receivedAt: t0.addingTimeInterval(60))
        #expect(try store.ingest([planner.plan(corrected)], rejections: [], importID: nil, at: t0.addingTimeInterval(60))
                    == [.updated(version: 2)])
        #expect(try store.deadLetters(limit: 10).isEmpty)
        let leases = try store.lease(destination: "credit", now: t0.addingTimeInterval(61), limit: 10, machine: machine)
        #expect(leases.map(\.message.envelope.id) == [corrected.envelope.id])
        let (_, history) = try #require(try store.message(id: held.envelope.id.rawValue))
        #expect(history.map(\.event) == ["ingested", "held", "superseded"])
        // The superseded record's passed deadline no longer counts: only version 2's delivery is open.
        let later = t0.addingTimeInterval(365 * 86_400)
        let status = try store.deliveryStatus(now: later, atRiskBefore: later)
        #expect(status.queues.first { $0.destination == "credit" }?.deadLetters == 0)
        #expect(status.creditOverdue == 1)
        #expect(try store.status(now: later).overdue == 1)
    }
}
