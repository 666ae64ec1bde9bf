import Foundation
import SGWCore
import SGWStore

/// What an offline package's receipt means for the deliveries the package carried: confirmations, rejections and
/// claims, decided apart from the files and the store, so that the rules are tested without either.
struct ReceiptReconciler {
    /// Who claims when a receipt's claim names no department: the package's first recipient.
    let defaultDepartment: String
    /// Counts the acknowledged messages' deadlines again from the receipt.
    let planner: DeliveryPlanner

    /// What a receipt decides.
    struct Reconciliation {
        /// One report per record the receipt confirms or rejects and that awaits this package's receipt.
        var reports: [DeliveryReport] = []
        /// The claims of records the package carried.
        var claims: [PlatformEvent] = []
        /// Records both accepted and rejected: counted as accepted (the department has them).
        var contradicted = 0
        /// Claims of records the package did not carry: not this recipient's to make here, ignored.
        var foreignClaims = 0
        /// Records named that do not await this package's receipt (already confirmed, sent again in a later package,
        /// or unknown): ignored.
        var unmatched = 0
    }

    /// The ids of the records a receipt confirms or rejects: the leases to look up before `reconcile`.
    static func named(in receipt: OfflinePackager.Receipt) -> [String] {
        Set((receipt.accepted ?? []) + (receipt.rejected ?? []).map(\.id)).sorted()
    }

    /// Decides a receipt (`file`) for `package`. `tokens` are the lease tokens the package went out under, by message
    /// id; `leases` the destination's current leases of the `named` records: only a lease with the package's token
    /// counts, so a record sent again in a later package waits for that package's receipt.
    func reconcile(_ receipt: OfflinePackager.Receipt, file: String, package: String, tokens: [String: String],
                   leases: [DeliveryLease], now: Date) -> Reconciliation {
        var result = Reconciliation()
        let sentHere = leases.filter { tokens[$0.message.envelope.id.rawValue] == $0.token }
        let accepted = Set(receipt.accepted ?? [])
        let rejected = (receipt.rejected ?? []).filter { !accepted.contains($0.id) }
        result.contradicted = (receipt.rejected ?? []).count - rejected.count
        let reasons = Dictionary(rejected.map { ($0.id, $0.reason ?? "no reason given") }, uniquingKeysWith: { a, _ in a })
        for lease in sentHere where accepted.contains(lease.message.envelope.id.rawValue) {
            result.reports.append(DeliveryReport(
                lease: lease, event: .succeeded, jitter: 0, receipt: package, detail: "confirmed by the recipient's receipt \(file)",
                restartedDeadlines: planner.deadlinesCountedFromPush(lease.message.envelope, acknowledgedAt: now)))
        }
        for lease in sentHere {
            guard let reason = reasons[lease.message.envelope.id.rawValue] else { continue }
            let problem = DeliveryProblem.recipientRejected("the recipient rejected it: \(reason)")
            result.reports.append(DeliveryReport(lease: lease, event: .failed(.permanent(reason: problem.message)), jitter: 0,
                                                 detail: "\(problem.message) (receipt \(file))", problem: problem))
        }
        let known = Set(result.reports.map(\.lease.message.envelope.id.rawValue))
        result.unmatched = accepted.union(reasons.keys).subtracting(known).count
        let claims = receipt.claims ?? []
        let own = claims.filter { tokens[$0.id] != nil }
        result.foreignClaims = claims.count - own.count
        result.claims = own.map {
            PlatformEvent(messageID: MessageID(rawValue: $0.id), kind: .claimed, department: $0.department ?? defaultDepartment,
                          at: $0.at.flatMap(ShanghaiTime.parseInstant) ?? now)
        }
        return result
    }
}
