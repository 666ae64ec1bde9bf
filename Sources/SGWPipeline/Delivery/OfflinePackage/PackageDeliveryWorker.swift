import Foundation
import SGWCore
import SGWStore

/// The worker of one offline-package destination: apply the receipts that came back, then write the due messages
/// as one package. Packaged deliveries stay leased until the recipient confirms; the lease lasts the confirmation
/// window, so an unconfirmed record goes into a later package (and is late, like any delivery, once its deadline
/// passed). What a receipt means is `ReceiptReconciler`'s; this type does the files and the store.
struct PackageDeliveryWorker: Sendable {
    let store: any DeliveryQueue
    let packager: OfflinePackager
    let planner: DeliveryPlanner
    let clock: @Sendable () -> Date
    let progress: @Sendable (String) -> Void

    /// What one round did.
    struct Round {
        var delivered = 0, deadLetters = 0, retries = 0, attempts = 0
    }

    /// Rounds every few seconds until `stopAt` (or one round, `untilIdle`).
    func run(untilIdle: Bool, stopAt: Date?) async throws -> DeliveryRunner.Summary {
        let spec = packager.spec
        let machine = DeliveryStateMachine(configuration: spec.retry)
        var summary = DeliveryRunner.Summary(destination: spec.name)
        while !Task.isCancelled {
            let done = try await blockingCall { [self] in try round(machine: machine) }
            summary.delivered += done.delivered
            summary.deadLetters += done.deadLetters
            summary.retries += done.retries
            summary.attempts += done.attempts
            if untilIdle { break }
            if let stopAt, Date() >= stopAt { break }
            try await BoundedWait.sleep(seconds: 5, until: stopAt)
        }
        summary.backlog = try await blockingCall { [store, clock] in try store.backlog(destinations: [spec.queue], now: clock()) }
        return summary
    }

    /// One round: the receipts that came back, then one package of the due messages. Blocking: it reads and writes
    /// files and the store.
    func round(machine: DeliveryStateMachine) throws -> Round {
        var round = Round()
        let (receipts, unreadable) = packager.pendingReceipts()
        for (path, reason) in unreadable {
            progress("\(path): not a receipt sgw can read (\(reason)); moved to rejected/")
            try packager.archive(receipt: path, into: "rejected")
        }
        for (path, receipt) in receipts {
            let actions = try apply(receipt, path: path, machine: machine)
            round.delivered += actions.count { $0 == .recordDelivered }
            round.deadLetters += actions.count { if case .park = $0 { true } else { false } }
        }
        try writePackage(machine: machine, into: &round)
        return round
    }

    /// Applies one receipt and files it away: under rejected/ when it names no package of this outbox, duplicates/
    /// when it was applied before, processed/ otherwise. The store's actions for its reports.
    func apply(_ receipt: OfflinePackager.Receipt, path: String, machine: DeliveryStateMachine) throws -> [DeliveryStateMachine.Action] {
        let spec = packager.spec
        let name = (path as NSString).lastPathComponent
        let now = clock()
        guard let package = receipt.package, let tokens = packager.leaseTokens(package: package) else {
            progress("\(spec.name): receipt \(name) names no package of this outbox ('\(receipt.package ?? "")'); moved to rejected/")
            try packager.archive(receipt: path, into: "rejected")
            return []
        }
        let reconciler = ReceiptReconciler(defaultDepartment: spec.package?.recipients.first ?? "监管部门",
                                           planner: planner)
        let leases = try store.leases(destination: spec.queue, messageIDs: ReceiptReconciler.named(in: receipt))
        let r = reconciler.reconcile(receipt, file: name, package: package, tokens: tokens, leases: leases, now: now)
        if r.contradicted > 0 {
            progress("warning: \(spec.name): receipt \(name) both accepts and rejects \(r.contradicted) record(s); counted as accepted")
        }
        if r.foreignClaims > 0 {
            progress("\(spec.name): receipt \(name) claims \(r.foreignClaims) record(s) its package did not carry; ignored")
        }
        guard let actions = try store.applyReceipt(destination: spec.name, receipt: package, file: name, reports: r.reports,
                                                   claims: r.claims, now: now, machine: machine) else {
            progress("\(spec.name): receipt \(name) for \(package) was applied before; moved to duplicates/")
            try packager.archive(receipt: path, into: "duplicates")
            return []
        }
        if r.unmatched > 0 {
            progress("\(spec.name): receipt \(name) names \(r.unmatched) record(s) not awaiting this package's receipt "
                     + "(already confirmed, sent again in a later package, or unknown); ignored")
        }
        try packager.archive(receipt: path, into: "processed")
        progress("\(spec.name): receipt \(name): \(r.reports.count) record(s) confirmed or rejected, \(r.claims.count) claim(s)")
        return actions
    }

    /// Leases the due messages and writes them as one package; a stored message that cannot be read is parked alone,
    /// and a package that cannot be written gives its records back for a retry.
    func writePackage(machine: DeliveryStateMachine, into round: inout Round) throws {
        let spec = packager.spec
        let now = clock()
        let (records, parked) = OfflinePackager.decode(try store.lease(destination: spec.queue, now: now, limit: 100_000, machine: machine))
        if !parked.isEmpty {
            round.deadLetters += try store.complete(parked, now: now, machine: machine).count { if case .park = $0 { true } else { false } }
        }
        let leases = records.map(\.lease)
        guard !leases.isEmpty else { return }
        let folder: String
        do {
            folder = try packager.write(records, now: now)
        } catch {
            // No package exists: the records go back for a retry instead of waiting out the confirmation window.
            progress("warning: \(spec.name): the package could not be written (\(error)); the records are retried")
            let problem = DeliveryProblem.packageNotWritten("the package could not be written: \(error)")
            _ = try store.complete(leases.map {
                DeliveryReport(lease: $0, event: .failed(.transient(reason: problem.message, retryAfter: 60)), jitter: 0,
                               detail: problem.message, problem: problem)
            }, now: now, machine: machine)
            round.retries += leases.count
            return
        }
        round.attempts += leases.count
        try store.appendHistory(leases.map {
            (messageID: $0.message.envelope.id.rawValue, event: "packaged",
             detail: "\(spec.name) attempt \($0.attempt): written to the offline package \(folder); awaiting the recipient's receipt")
        }, at: now)
        progress("\(spec.name): package \(folder) with \(leases.count) record(s)")
    }
}
