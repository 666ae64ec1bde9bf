import Foundation
import SGWCore
import SGWTesting
import Testing

@Suite struct ProfileTests {
    static let catalog = try! ProfileCatalog.load()
    static let calculator = DeadlineCalculator(calendar: try! WorkingCalendar.load(), profiles: catalog)

    @Test func theFiveProfilesShip() {
        #expect(Self.catalog.sorted.map(\.id) == ["liaocheng", "linzi", "qufu", "shicheng", "zhoucun"])
    }

    /// Each profile's duties as RULES.md's table and the source documents set them.
    @Test(arguments: [
        ("zhoucun", DutyName.approvalPush, "at once"), ("zhoucun", .approvalClaim, "1 WD"), ("zhoucun", .approvalFeedback, "1 WD"),
        ("zhoucun", .supervisionPush, "at once"), ("zhoucun", .supervisionClaim, "1 WD"), ("zhoucun", .commitmentVerify, "10 WD"),
        ("zhoucun", .reportPeriod, "monthly"),
        ("qufu", .approvalPush, "at once"), ("qufu", .approvalClaim, "3 WD"), ("qufu", .supervisionPush, "7 WD"),
        ("qufu", .supervisionClaim, "3 WD"), ("qufu", .commitmentVerify, "none"), ("qufu", .reportPeriod, "regular"),
        ("shicheng", .approvalPush, "at once"), ("shicheng", .approvalClaim, "5 WD"), ("shicheng", .supervisionChangeRequest, "2 WD"),
        ("liaocheng", .approvalPush, "at once"), ("liaocheng", .approvalClaim, "2 WD"), ("liaocheng", .supervisionPush, "3 WD"),
        ("liaocheng", .supervisionClaim, "2 WD"), ("liaocheng", .reportPeriod, "quarterly"),
        ("linzi", .approvalClaim, "absent"), ("qufu", .approvalFeedback, "absent"),
    ])
    func duty(_ profile: String, _ duty: DutyName, _ expected: String) throws {
        let rule = try Self.catalog.profile(profile).duty(duty)
        switch (expected, rule?.limit) {
        case ("absent", nil): break
        case ("at once", .atOnce(let minutes)?): #expect(minutes == ProfileCatalog.defaultAtOnceTargetMinutes)
        case ("none", .unquantified?): break
        case (_, .workingDays(let n)?): #expect("\(n) WD" == expected)
        case (_, .period(let p)?): #expect(p.rawValue == expected)
        default: Issue.record("\(profile) \(duty.rawValue): expected \(expected), found \(String(describing: rule?.limit))")
        }
    }

    @Test(arguments: ["zhoucun", "qufu", "shicheng", "liaocheng", "linzi"])
    func creditIsSevenWorkingDaysEverywhere(_ profile: String) throws {
        #expect(try Self.catalog.profile(profile).duty(.creditPublish)?.limit == .workingDays(7))
    }

    @Test func autoClaimWhereTheRulesSaySo() throws {
        #expect(try Self.catalog.profile("zhoucun").duty(.approvalClaim)?.autoClaim == true)
        #expect(try Self.catalog.profile("liaocheng").duty(.supervisionClaim)?.autoClaim == true)
    }

    @Test func issueExample() throws {
        let d = try Self.calculator.deadline(profile: "qufu", duty: .approvalClaim,
                                             from: ShanghaiTime.parseInstant("2026-09-30T10:00:00+08:00")!)
        #expect(ShanghaiTime.format(d.due) == "2026-10-10T23:59:59+08:00")
        #expect(d.warning?.contains("expired on 2025-01-10") == true)
        #expect(!d.provisional)
    }

    @Test func qufuIsInForceWithinItsPeriod() throws {
        let d = try Self.calculator.deadline(profile: "qufu", duty: .approvalClaim, from: ShanghaiTime.parseInstant("2024-06-03")!)
        #expect(d.warning == nil)
        #expect(ShanghaiTime.format(d.due) == "2024-06-06T23:59:59+08:00")
    }

    @Test func eventsAreDatedInShanghai() throws {
        // 17:00 UTC on 30 September is 1 October in Shanghai: the count starts after the 1st.
        let d = try Self.calculator.deadline(profile: "zhoucun", duty: .approvalClaim, from: ShanghaiTime.parseInstant("2026-09-29T17:00:00Z")!)
        #expect(d.eventDate == LocalDate("2026-09-30"))
        #expect(ShanghaiTime.format(d.due) == "2026-10-08T23:59:59+08:00")
    }

    @Test func atOnceAndPeriodDuties() throws {
        let event = ShanghaiTime.parseInstant("2026-11-23T09:00:00+08:00")!
        #expect(ShanghaiTime.format(try Self.calculator.deadline(profile: "zhoucun", duty: .approvalPush, from: event).due)
                == "2026-11-23T09:30:00+08:00")
        #expect(ShanghaiTime.format(try Self.calculator.deadline(profile: "zhoucun", duty: .reportPeriod, from: event).due)
                == "2026-11-30T23:59:59+08:00")
        #expect(ShanghaiTime.format(try Self.calculator.deadline(profile: "liaocheng", duty: .reportPeriod, from: event).due)
                == "2026-12-31T23:59:59+08:00")
        #expect { try Self.calculator.deadline(profile: "linzi", duty: .approvalClaim, from: event) } throws: { error in
            (error as? LookupError)?.code == "unknown-duty"
        }
        #expect { try Self.calculator.deadline(profile: "qufu", duty: .commitmentVerify, from: event) } throws: { error in
            (error as? LookupError)?.code == "no-time-limit"
        }
        #expect { try Self.calculator.deadline(profile: "qufo", duty: .approvalClaim, from: event) } throws: { error in
            let lookup = error as? LookupError
            return lookup?.code == "unknown-profile" && lookup?.name == "qufo" && "\(error)".contains("Did you mean 'qufu'?")
        }
    }

    @Test func atOnceTargetIsConfigurable() throws {
        let catalog = try ProfileCatalog.load(atOnceTargetMinutes: 120)
        #expect(try catalog.profile("qufu").duty(.approvalPush)?.limit == .atOnce(targetMinutes: 120))
    }

    @Test func anOperatorOverridesAProfile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("qufu.yaml", """
            id: qufu
            name: 曲阜市
            document: {title: 曲阜市新办法, date: '2025-02-01'}
            duties:
              approval.claim: {working_days: 2, auto_claim: true, article: '5'}
              approval.push: {at_once: true, target_minutes: 10, article: '4'}
              credit.publish: {working_days: 7, article: mission}
            """)
        let catalog = try ProfileCatalog.load(overrideFolder: dir.path)
        let qufu = try catalog.profile("qufu")
        #expect(qufu.duty(.approvalClaim)?.limit == .workingDays(2))
        #expect(qufu.duty(.approvalPush)?.limit == .atOnce(targetMinutes: 10))
        #expect(qufu.duty(.supervisionPush) == nil)
        #expect(qufu.document.validFrom == LocalDate("2025-02-01"))
        #expect(catalog.profiles.count == 5)
    }

    @Test func aBrokenProfileNamesFileAndLine() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("extra.yaml", """
            id: extra
            name: 某县
            document: {title: 办法, date: '2025-02-01'}
            duties:
              approval.claim: {working_days: 0, article: '5'}
              aproval.push: {at_once: true, article: '4'}
              credit.publish: {working_days: 5, article: mission}
            """)
        #expect {
            try ProfileCatalog.load(overrideFolder: dir.path)
        } throws: { error in
            let text = "\(error)"
            return text.contains("\(file):5: 'duties.approval.claim.working_days' must be 1 to 365")
                && text.contains("\(file):6: unknown key 'aproval.push' in 'duties'; did you mean 'approval.push'?")
                && text.contains("\(file):7: 'credit.publish' is 7 working days")
        }
    }

    /// `counted_from` is a closed set, `auto_claim` is for claims and `applies_to` for supervision duties: a profile
    /// that says otherwise is refused with the line, not read as "from the decision".
    @Test func whatStartsTheClockIsOneOfTheKnownEvents() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("extra.yaml", """
            id: extra
            name: 某县
            document: {title: 办法, date: '2025-02-01'}
            duties:
              supervision.change-request: {working_days: 2, article: '28', counted_from: discovery}
              approval.feedback: {working_days: 1, article: '7', auto_claim: true}
              approval.claim: {working_days: 1, article: '7', applies_to: [penalty]}
              supervision.push: {working_days: 7, article: '21', applies_to: [penalty, fine]}
              credit.publish: {working_days: 7, article: mission}
            """)
        #expect {
            try ProfileCatalog.load(overrideFolder: dir.path)
        } throws: { error in
            let text = "\(error)"
            return text.contains("\(file):5: 'duties.supervision.change-request.counted_from' must be one of decision, publication, "
                                 + "finding, commitment, push, acknowledgement (got 'discovery')")
                && text.contains("\(file):6: 'duties.approval.feedback.auto_claim' applies only to claim duties")
                && text.contains("\(file):7: 'duties.approval.claim.applies_to' applies only to supervision duties")
                && text.contains("\(file):8: 'duties.supervision.push.applies_to' lists 'fine', not a supervision kind")
        }
        // The bundled profiles: each clock as the texts name it, and who answers for supervision claims.
        let catalog = try ProfileCatalog.load()
        #expect(try catalog.profile("shicheng").duty(.supervisionChangeRequest)?.countedFrom == .finding)
        #expect(try catalog.profile("liaocheng").duty(.supervisionPush)?.countedFrom == .publication)
        #expect(try catalog.profile("zhoucun").duty(.commitmentVerify)?.countedFrom == .commitment)
        #expect(try catalog.profile("qufu").duty(.supervisionPush, supervisionKind: .training) == nil)
        #expect(try catalog.profile("qufu").duty(.supervisionPush, supervisionKind: .revocation) != nil)
        #expect(try catalog.profile("qufu").duty(.approvalClaim)?.autoClaim == false)
        #expect(try catalog.profile("liaocheng").approvalAuthority == "聊城市行政审批局")
    }
}
