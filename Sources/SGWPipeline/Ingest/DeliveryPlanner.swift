public import Foundation
public import SGWCore
public import SGWStore

/// Decides, at ingest, where a message must go and by when, from its profile's duties and the working calendar.
///
/// - approval: to the interaction platform for `approval.push`; deadlines `approval.claim`, `approval.feedback`.
/// - supervision: to the interaction platform for `supervision.push`; deadline `supervision.claim`.
/// - credit.licence, credit.penalty: to the credit platform for `credit.publish`.
///
/// Duties counted from the decision (or its publication, or the finding) start at the decision date; "at once"
/// duties and duties counted from the push start when sgw received the record: it pushes as soon as it has it.
/// A duty the profile does not set gives a delivery with no deadline (it is still delivered) and no other deadline.
public struct DeliveryPlanner: Sendable {
    /// The calculator with the profiles and the calendar.
    public let calculator: DeadlineCalculator

    /// Supervising departments served by an offline-package destination (线下定期推送): department → destination name.
    /// The names as compared (`SourceText.name`: invisible characters removed, white space trimmed).
    public let packageRoutes: [String: String]

    /// A planner.
    public init(calculator: DeadlineCalculator, packageRoutes: [String: String] = [:]) {
        self.calculator = calculator
        self.packageRoutes = Dictionary(packageRoutes.map { (SourceText.name($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    /// The deadlines of the message with `envelope` that count from the push (the claim, the feedback window), counted
    /// again from `acknowledgedAt`, when the interaction platform acknowledged it: at ingest they were counted from
    /// receipt.
    public func deadlinesCountedFromPush(_ envelope: Envelope, acknowledgedAt: Date) -> [PlannedDeadline] {
        let duties: [DutyName] = switch envelope.kind {
        case .approval: [.approvalClaim, .approvalFeedback]
        case .supervision: [.supervisionClaim]
        case .creditLicence, .creditPenalty: []
        }
        let profile = envelope.profile
        return duties.compactMap { duty in
            guard let rule = try? calculator.profiles.profile(profile).duty(duty), rule.countedFrom == "push",
                  let d = try? calculator.deadline(profile: profile, duty: duty, from: acknowledgedAt) else { return nil }
            return PlannedDeadline(duty: duty, dueAt: d.due, provisional: d.provisional)
        }
    }

    /// The deliveries and deadlines of `message`.
    public func plan(_ message: CanonicalMessage) -> IngestItem {
        let e = message.envelope
        let decided = ShanghaiTime.instant(on: message.body.decisionDate)
        func due(_ duty: DutyName) -> (Date, Bool)? {
            guard let rule = try? calculator.profiles.profile(e.profile).duty(duty) else { return nil }
            let fromReceipt: Bool = if case .atOnce = rule.limit { true } else { rule.countedFrom == "push" }
            guard let d = try? calculator.deadline(profile: e.profile, duty: duty, from: fromReceipt ? e.receivedAt : decided) else {
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
            if let department = a.supervisingDepartment, let package = packageRoutes[SourceText.name(department)] { push.queue = package }
            return IngestItem(message: message, deliveries: [push],
                              deadlines: deadlines([.approvalClaim, .approvalFeedback]))
        case .supervision:
            return IngestItem(message: message, deliveries: [delivery(.interaction, .supervisionPush)],
                              deadlines: deadlines([.supervisionClaim]))
        case .creditLicence, .creditPenalty:
            return IngestItem(message: message, deliveries: [delivery(.credit, .creditPublish)], deadlines: [])
        }
    }
}
