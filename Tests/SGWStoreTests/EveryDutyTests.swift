import Foundation
import SGWCore
import SGWPipeline
import SGWStore
import SGWTesting
import Testing

/// Every duty of every bundled profile, planned and acted on as the profile's own data says: the expected deadline
/// is derived from the duty (its limit, its `counted_from`, the calendar), and the gateway is checked one minute
/// before and one minute after it. A duty a profile shows and the gateway does not plan fails here.
@Suite struct EveryDutyTests {
    static let calendar = try! WorkingCalendar.load()
    static let profiles = try! ProfileCatalog.load()
    static let planner = DeliveryPlanner(calculator: DeadlineCalculator(calendar: calendar, profiles: profiles))
    let machine = DeliveryStateMachine(configuration: .init(baseDelay: 1, maximumDelay: 10, leaseDuration: 60))
    /// Received (and acknowledged) on a Tuesday; decisions, findings and commitments a few days before.
    static let receivedAt = ShanghaiTime.parseInstant("2026-11-24T10:00:00+08:00")!

    /// Duties that no message plans, with the reason: they are listed so that no other duty can join them unnoticed.
    static let notPerMessage: [DutyName: String] = [
        .reportPeriod: "a periodic report on all pushes and claims, not a deadline of one message",
    ]

    /// Every (profile, duty) with a deadline a calculator can give.
    static let cases: [(String, DutyName)] = profiles.sorted.flatMap { profile in
        profile.duties.keys.sorted().compactMap { name -> (String, DutyName)? in
            switch profile.duties[name]!.limit {
            case .atOnce, .workingDays: (profile.id, name)
            case .period, .unquantified: nil
            }
        }
    }

    /// A message that sets off `duty` under `profile`: of a supervision kind the duty applies to.
    static func message(for duty: DutyName, profile: JurisdictionProfile) -> CanonicalMessage {
        let body: MessageBody
        switch duty {
        case .approvalPush, .approvalClaim, .approvalFeedback:
            body = .approval(Fixtures.approval())
        case .commitmentVerify:
            body = .approval(commitmentApproval())
        case .supervisionPush, .supervisionClaim, .supervisionFeedback:
            var s = Fixtures.supervision()
            if let kinds = profile.duties[duty]?.appliesTo, !kinds.contains(s.kind) { s.kind = kinds.sorted { $0.rawValue < $1.rawValue }[0] }
            // Published three days after the decision: a profile counting from publication must use it.
            s.publicationDate = s.decisionDate.adding(days: 3)
            body = .supervision(s)
        case .supervisionChangeRequest:
            var s = Fixtures.supervision()
            s.kind = .changeRequest
            s.changeAction = .revoke
            s.evidence = [Supervision.Evidence(title: "现场检查笔录", reference: "周市场检〔2026〕3号")]
            s.decisionDate = LocalDate("2026-11-20")!
            body = .supervision(s)
        case .creditPublish:
            body = .creditLicence(Fixtures.creditLicence())
        case .reportPeriod:
            preconditionFailure("not a message's duty")
        }
        return CanonicalMessage.make(body: body, key: "\(profile.id):\(duty.rawValue)", profile: profile.id,
                                     provenance: Provenance(adapter: "a", source: "f.csv", location: "row 2"), receivedAt: receivedAt)
    }

    /// A 告知承诺制 approval whose commitment was made on Friday 2026-11-20, not yet verified.
    static func commitmentApproval(verification: Commitment.Verification? = nil, on day: String? = nil) -> Approval {
        let a = Fixtures.approval()
        return Approval(itemName: a.itemName, documentNumber: a.documentNumber, licenceNumber: a.licenceNumber,
                        counterparty: a.counterparty, decisionDate: LocalDate("2026-11-20")!, validity: a.validity, content: a.content,
                        supervisingDepartment: a.supervisingDepartment,
                        commitment: Commitment(letterReference: "CN城镇370306202600001", date: LocalDate("2026-11-20")!,
                                               verification: verification, verifiedOn: day.flatMap(LocalDate.init)))
    }

    /// The deadline the profile's data alone gives for `rule` on `message`.
    static func expectedDue(_ rule: Duty, _ message: CanonicalMessage) -> Date? {
        let start: LocalDate
        switch rule.countedFrom {
        case .push, .acknowledgement: start = ShanghaiTime.date(of: receivedAt)
        case .commitment:
            guard case .approval(let a) = message.body else { return nil }
            start = a.commitment?.date ?? a.decisionDate
        case .publication:
            guard case .supervision(let s) = message.body else { return nil }
            start = s.publicationDate ?? s.decisionDate
        case .decision, .finding, nil: start = message.body.decisionDate
        }
        switch rule.limit {
        case .atOnce(let minutes): return receivedAt.addingTimeInterval(TimeInterval(minutes * 60))
        case .workingDays(let n): return ShanghaiTime.endOfDay(calendar.adding(workingDays: n, to: start).date)
        case .period, .unquantified: return nil
        }
    }

    @Test func everyDutyWithADeadlineIsPlannedOrListedWithItsReason() {
        for profile in Self.profiles.sorted {
            for (name, rule) in profile.duties {
                guard Self.notPerMessage[name] == nil else { continue }
                switch rule.limit {
                case .atOnce, .workingDays:
                    #expect(Self.cases.contains { $0 == (profile.id, name) }, "\(profile.id) \(name.rawValue)")
                case .period, .unquantified: break
                }
            }
        }
        // The bundled profiles do set every duty the gateway plans, at least once.
        let planned = Set(Self.cases.map(\.1))
        #expect(planned.isSuperset(of: DutyName.allCases.filter { Self.notPerMessage[$0] == nil }))
    }

    @Test(arguments: cases.filter { notPerMessage[$0.1] == nil }.map { "\($0.0) \($0.1.rawValue)" })
    func theDutyIsPlannedAndActedOnAtItsDeadline(_ label: String) throws {
        let parts = label.split(separator: " ").map(String.init)
        let profile = try Self.profiles.profile(parts[0])
        let duty = DutyName(rawValue: parts[1])!
        let rule = try #require(profile.duty(duty))
        let message = Self.message(for: duty, profile: profile)
        let due = try #require(Self.expectedDue(rule, message))
        let item = Self.planner.plan(message)
        let planned = item.deliveries.first { $0.duty == duty }?.dueAt ?? item.deadlines.first { $0.duty == duty }?.dueAt
        #expect(planned == due, "\(label): planned \(planned.map(ShanghaiTime.format) ?? "nothing"), expected \(ShanghaiTime.format(due))")

        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try SQLiteStore(dataFolder: dir.path)
        _ = try store.ingest([item], rejections: [], importID: nil, at: Self.receivedAt)
        if item.deliveries.contains(where: { $0.duty == duty }) {
            // A delivery duty: undelivered, it is overdue one minute after its deadline and not one minute before.
            let before = try store.deliveryStatus(now: due.addingTimeInterval(-60), atRiskBefore: due.addingTimeInterval(-60))
            let after = try store.deliveryStatus(now: due.addingTimeInterval(60), atRiskBefore: due.addingTimeInterval(60))
            #expect(before.overdue == 0 && after.overdue == 1, "\(label)")
            return
        }
        // A claim or feedback duty: pushed and acknowledged at receipt, then acted on as the profile says.
        let queue = item.deliveries[0].queue
        let leases = try store.lease(destination: queue, now: Self.receivedAt, limit: 10, machine: machine)
        _ = try store.complete(leases.map {
            DeliveryReport(lease: $0, event: .succeeded, jitter: 0, detail: "ok",
                           restartedDeadlines: Self.planner.deadlinesCountedFromPush($0.message.envelope, acknowledgedAt: Self.receivedAt))
        }, now: Self.receivedAt, machine: machine)
        let early = try store.closeDueDeadlines(now: due.addingTimeInterval(-60), profiles: Self.profiles)
        #expect(!early.contains { $0.duty == duty }, "\(label): acted on before its deadline")
        let late = try store.closeDueDeadlines(now: due.addingTimeInterval(60), profiles: Self.profiles).filter { $0.duty == duty }
        let expected: ClosedDeadline.State = duty.isFeedback ? .closed : duty.isClaim && rule.autoClaim ? .autoClaimed : .overdue
        #expect(late.map(\.state) == [expected], "\(label)")
        if !duty.isFeedback {
            let party = duty == .supervisionClaim || duty == .commitmentVerify ? profile.approvalAuthority : Fixtures.approval().supervisingDepartment
            #expect(late.first?.department == party, "\(label)")
        }
    }

    /// 曲阜 21.2's 7 working days apply to penalties that may affect a licence; training and rule changes are 及时.
    @Test func aDutyThatAppliesToSomeSupervisionKindsGivesOthersNoDeadline() throws {
        let profile = try Self.profiles.profile("qufu")
        var training = Fixtures.supervision()
        training.kind = .training
        let message = CanonicalMessage.make(body: .supervision(training), key: "t", profile: profile.id,
                                            provenance: Provenance(adapter: "a", source: "s"), receivedAt: Self.receivedAt)
        let item = Self.planner.plan(message)
        #expect(item.deliveries.map(\.duty) == [.supervisionPush])
        #expect(item.deliveries[0].dueAt == nil)
    }

    /// 石城 art. 28: a change request goes under its own duty, 2 working days from the finding; a plain supervision
    /// message is 及时, with no deadline.
    @Test func aShichengChangeRequestIsDueTwoWorkingDaysAfterTheFinding() throws {
        let profile = try Self.profiles.profile("shicheng")
        let request = Self.message(for: .supervisionChangeRequest, profile: profile)
        let item = Self.planner.plan(request)
        #expect(item.deliveries.map(\.duty) == [.supervisionChangeRequest])
        // Found Friday 2026-11-20: Monday and Tuesday.
        #expect(item.deliveries[0].dueAt == ShanghaiTime.parseInstant("2026-11-24T23:59:59+08:00"))
        let plain = Self.planner.plan(Self.message(for: .supervisionPush, profile: profile))
        #expect(plain.deliveries.map(\.duty) == [.supervisionPush] && plain.deliveries[0].dueAt == nil)
    }
}

extension EveryDutyTests {
    /// 周村 art. 8.3: the approval exported again with its verification closes the commitment's deadline (10 working days
    /// from Friday 2026-11-20: Friday 2026-12-04), in time or late; the overdue one is closed too, as late.
    @Test(arguments: [("2026-12-01", "verified"), ("2026-12-10", "verified-late")])
    func aCommitmentIsClosedByTheVerificationALaterVersionCarries(_ day: String, _ event: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try SQLiteStore(dataFolder: dir.path)
        func approval(_ a: Approval, at: Date) -> IngestItem {
            Self.planner.plan(CanonicalMessage.make(body: .approval(a), key: "commitment", profile: "zhoucun",
                                                    provenance: Provenance(adapter: "a", source: "f.csv", location: "row 2"), receivedAt: at))
        }
        let first = approval(Self.commitmentApproval(), at: Self.receivedAt)
        let due = try #require(first.deadlines.first { $0.duty == .commitmentVerify }?.dueAt)
        #expect(due == ShanghaiTime.parseInstant("2026-12-04T23:59:59+08:00"))
        _ = try store.ingest([first], rejections: [], importID: nil, at: Self.receivedAt)
        let leases = try store.lease(destination: "interaction", now: Self.receivedAt, limit: 10, machine: machine)
        _ = try store.complete(leases.map { DeliveryReport(lease: $0, event: .succeeded, jitter: 0, detail: "ok") },
                               now: Self.receivedAt, machine: machine)
        let verifiedAt = ShanghaiTime.instant(on: LocalDate(day)!, hour: 10)
        if event == "verified-late" {
            let overdue = try store.closeDueDeadlines(now: due.addingTimeInterval(60), profiles: Self.profiles)
            #expect(overdue.contains { $0.duty == .commitmentVerify && $0.state == .overdue && $0.department == "周村区行政审批服务局" })
        }
        let second = approval(Self.commitmentApproval(verification: .broken, on: day), at: verifiedAt)
        #expect(try store.ingest([second], rejections: [], importID: nil, at: verifiedAt) == [.updated(version: 2)])
        // Judged after the deadline too: the verification closes it, the deadline's passing does not make it overdue.
        let closed = try store.closeDueDeadlines(now: max(verifiedAt, due.addingTimeInterval(60)), profiles: Self.profiles)
            .filter { $0.duty == .commitmentVerify }
        #expect(closed.map(\.state) == [.verified, .verified])  // the first version's deadline and the second's
        let (_, history) = try #require(try store.message(id: first.message.envelope.id.rawValue))
        #expect(history.contains { $0.event == event && $0.detail.contains("未履行承诺") }, "\(history.map(\.event))")
        // Nothing is left waiting.
        #expect(try store.closeDueDeadlines(now: due.addingTimeInterval(86400 * 30), profiles: Self.profiles).isEmpty)
    }

    /// 聊城 art. 19.1: an inspection result is its own kind, delivered to the credit platform within 7 working days of
    /// the result; undelivered, it is overdue one minute after and not one minute before.
    @Test func aLiaochengInspectionResultGoesToTheCreditPlatformWithinSevenWorkingDays() throws {
        let message = CanonicalMessage.make(body: .creditInspection(Fixtures.inspection()), key: "i", profile: "liaocheng",
                                            provenance: Provenance(adapter: "a", source: "s"), receivedAt: Self.receivedAt)
        let item = Self.planner.plan(message)
        #expect(item.deliveries.map(\.destination) == [.credit] && item.deliveries.map(\.duty) == [.creditPublish])
        // Result on Wednesday 2024-10-09: seven working days, Saturday 2024-10-12 among them (国庆 调休), end Thursday 10-17.
        let due = try #require(item.deliveries[0].dueAt)
        #expect(due == ShanghaiTime.parseInstant("2024-10-17T23:59:59+08:00"))
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try SQLiteStore(dataFolder: dir.path)
        _ = try store.ingest([item], rejections: [], importID: nil, at: Self.receivedAt)
        #expect(try store.deliveryStatus(now: due.addingTimeInterval(-60), atRiskBefore: due).creditOverdue == 0)
        #expect(try store.deliveryStatus(now: due.addingTimeInterval(60), atRiskBefore: due).creditOverdue == 1)
    }
}
