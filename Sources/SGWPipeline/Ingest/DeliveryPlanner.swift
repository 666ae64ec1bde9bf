public import Foundation
public import SGWCore
public import SGWStore

/// Decides, at ingest, where a message must go and by when, from its profile's duties and the working calendar.
///
/// - approval: to the interaction platform for `approval.push`; deadlines `approval.claim`, `approval.feedback`, and
///   for a 告知承诺制 approval `commitment.verify`.
/// - supervision: to the interaction platform for `supervision.push`, or for a change request (函告) under
///   `supervision.change-request` where the profile sets it (石城 art. 28); deadlines `supervision.claim`,
///   `supervision.feedback`. A duty that `applies_to` other supervision kinds gives no deadline (曲阜 21.1: 及时).
/// - credit.licence, credit.penalty, credit.inspection: to the credit platform for `credit.publish`.
///
/// Each duty's clock starts at the event its profile names (`Duty.Clock`): the decision, the publication, the
/// finding, the commitment; "at once" duties and duties counted from the push start when sgw received the record
/// (it pushes as soon as it has it), and start again at the platform's acknowledgement. A duty the profile does not
/// set gives a delivery with no deadline (it is still delivered) and no other deadline.
public struct DeliveryPlanner: Sendable {
    /// The calculator with the profiles and the calendar.
    public let calculator: DeadlineCalculator

    /// Supervising departments served by an offline-package destination (线下定期推送): department → destination name.
    /// The names as compared (`SourceText.name`: invisible characters removed, white space trimmed).
    public let packageRoutes: [String: String]

    /// The period of each offline-package destination that pushes periodically (destination name → period).
    public let packagePeriods: [String: DestinationSpec.PackageSettings.Period]

    /// A planner.
    public init(calculator: DeadlineCalculator, packageRoutes: [String: String] = [:],
                packagePeriods: [String: DestinationSpec.PackageSettings.Period] = [:]) {
        self.calculator = calculator
        self.packagePeriods = packagePeriods
        self.packageRoutes = Dictionary(packageRoutes.map { (SourceText.name($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    /// A planner that routes to the offline-package destinations among `destinations`: each recipient department to
    /// its package, with the package's period where it pushes periodically.
    public init(calculator: DeadlineCalculator, destinations: [DestinationSpec]) {
        var routes: [String: String] = [:], periods: [String: DestinationSpec.PackageSettings.Period] = [:]
        for spec in destinations {
            for r in spec.package?.recipients ?? [] { routes[r] = spec.name }
            periods[spec.name] = spec.package?.period
        }
        self.init(calculator: calculator, packageRoutes: routes, packagePeriods: periods)
    }

    /// The deadlines of the message with `envelope` that count from the push (the claim, the feedback window), counted
    /// again from `acknowledgedAt`, when the interaction platform acknowledged it: at ingest they were counted from
    /// receipt.
    public func deadlinesCountedFromPush(_ envelope: Envelope, acknowledgedAt: Date) -> [PlannedDeadline] {
        let duties: [DutyName] = switch envelope.kind {
        case .approval: [.approvalClaim, .approvalFeedback]
        case .supervision: [.supervisionClaim, .supervisionFeedback]
        case .creditLicence, .creditPenalty, .creditInspection: []
        }
        let profile = envelope.profile
        return duties.compactMap { duty in
            guard let rule = try? calculator.profiles.profile(profile).duty(duty), rule.countedFrom?.startsAtThePush == true,
                  let d = try? calculator.deadline(profile: profile, duty: duty, from: acknowledgedAt) else { return nil }
            return PlannedDeadline(duty: duty, dueAt: d.due, provisional: d.provisional)
        }
    }

    /// The instant a duty's clock starts for `message` under `rule`: receipt for "at once" duties and those counted
    /// from the push; otherwise the start (Asia/Shanghai) of the day of the event the rule names.
    public func clockStart(_ rule: Duty, of message: CanonicalMessage) -> Date {
        if case .atOnce = rule.limit { return message.envelope.receivedAt }
        let day: LocalDate
        switch rule.countedFrom ?? .decision {
        case .push, .acknowledgement: return message.envelope.receivedAt
        case .decision, .finding:
            // A change request's own date is the finding.
            day = message.body.decisionDate
        case .publication:
            // A message that carries no publication date counts from the decision, the earliest it can be published.
            if case .supervision(let s) = message.body, let date = s.publicationDate { day = date } else { day = message.body.decisionDate }
        case .commitment:
            if case .approval(let a) = message.body, let date = a.commitment?.date { day = date } else { day = message.body.decisionDate }
        }
        return ShanghaiTime.instant(on: day)
    }

    /// The end of the package period that `receivedAt` falls in: the end of that working day (or of the next one),
    /// of that week's Sunday, or of that month, Asia/Shanghai.
    func periodEnd(_ period: DestinationSpec.PackageSettings.Period, receivedAt: Date) -> (Date, Bool) {
        let day = ShanghaiTime.date(of: receivedAt)
        switch period {
        case .daily:
            let status = calculator.calendar.day(day)
            if status.status.isWorking { return (ShanghaiTime.endOfDay(day), status.provisional) }
            let next = calculator.calendar.adding(workingDays: 1, to: day)
            return (ShanghaiTime.endOfDay(next.date), next.provisional)
        case .weekly:
            return (ShanghaiTime.endOfDay(day.adding(days: 7 - day.isoWeekday)), false)
        case .monthly:
            let last = LocalDate(year: day.year, month: day.month, day: LocalDate.daysInMonth(year: day.year, month: day.month))!
            return (ShanghaiTime.endOfDay(last), false)
        }
    }

    /// The deliveries and deadlines of a stored `message` counted again (a calendar year loaded since): those that
    /// count from the push are counted from `acknowledgedAt` when the platform acknowledged the message.
    public func replan(_ message: CanonicalMessage, acknowledgedAt: Date?) -> (deliveries: [PlannedDelivery], deadlines: [PlannedDeadline]) {
        let item = plan(message)
        guard let acknowledgedAt else { return (item.deliveries, item.deadlines) }
        let restarted = deadlinesCountedFromPush(message.envelope, acknowledgedAt: acknowledgedAt)
        return (item.deliveries, item.deadlines.map { d in restarted.first { $0.duty == d.duty } ?? d })
    }

    /// The deliveries and deadlines of `message`.
    public func plan(_ message: CanonicalMessage) -> IngestItem {
        let e = message.envelope
        let profile = try? calculator.profiles.profile(e.profile)
        let supervisionKind: Supervision.Kind? = if case .supervision(let s) = message.body { s.kind } else { nil }
        func due(_ duty: DutyName) -> (Date, Bool)? {
            guard let rule = profile?.duty(duty, supervisionKind: supervisionKind),
                  let d = try? calculator.deadline(profile: e.profile, duty: duty, from: clockStart(rule, of: message)) else {
                return nil
            }
            return (d.due, d.provisional)
        }
        func delivery(_ destination: Destination, _ duty: DutyName) -> PlannedDelivery {
            let d = due(duty)
            return PlannedDelivery(destination: destination, duty: duty, dueAt: d?.0, provisional: d?.1 ?? false)
        }
        func deadlines(_ duties: [DutyName]) -> [PlannedDeadline] {
            duties.compactMap { duty in due(duty).map { PlannedDeadline(duty: duty, dueAt: $0.0, provisional: $0.1) } }
        }
        switch message.body {
        case .approval(let a):
            var push = delivery(.interaction, .approvalPush)
            // Compared as names, by the same rule as the source values: a department typed with an invisible character
            // or a space in a destination file, or a mapping's constant, still finds its package.
            if let department = a.supervisingDepartment, let package = packageRoutes[SourceText.name(department)] {
                push.queue = package
                // 曲阜 art. 20.1: a periodic offline push is due with its period, not at the at-once target.
                if push.dueAt != nil, let period = packagePeriods[package] {
                    let (due, provisional) = periodEnd(period, receivedAt: e.receivedAt)
                    push.dueAt = due
                    push.provisional = provisional
                }
            }
            // 告知承诺制 (周村 art. 8.3): the commitment is verified within the profile's days of the commitment; closed by
            // the verification this version or a later one carries (the store does not tell the planner the version, so
            // each version with a commitment has its deadline, all closed by the same verification).
            let verify: [DutyName] = a.commitment != nil ? [.commitmentVerify] : []
            return IngestItem(message: message, deliveries: [push],
                              deadlines: deadlines([.approvalClaim, .approvalFeedback] + verify))
        case .supervision(let s):
            // A change request (函告) is pushed under its own duty where the profile sets one (石城 art. 28: 2 working days
            // from the finding); elsewhere it is supervision information like any other.
            let duty: DutyName = s.kind == .changeRequest && profile?.duty(.supervisionChangeRequest) != nil
                ? .supervisionChangeRequest : .supervisionPush
            return IngestItem(message: message, deliveries: [delivery(.interaction, duty)],
                              deadlines: deadlines([.supervisionClaim, .supervisionFeedback]))
        case .creditLicence, .creditPenalty, .creditInspection:
            // 聊城 art. 19.1: inspection results and handling decisions reach the credit platform within credit.publish.
            return IngestItem(message: message, deliveries: [delivery(.credit, .creditPublish)], deadlines: [])
        }
    }
}
