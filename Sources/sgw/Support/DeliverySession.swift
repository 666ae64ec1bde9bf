import ArgumentParser
import Foundation
import SGWCore
import SGWPipeline
import SGWStore

/// The workers for a set of destinations, shared by `sgw deliver` and `sgw demo`.
struct DeliverySession {
    let runner: DeliveryRunner
    let clients: [PlatformClient]
    let store: any MessageStore
    let clock: @Sendable () -> Date
    let planner: DeliveryPlanner

    init(specs: [DestinationSpec], store: any MessageStore, calendar: WorkingCalendar, profiles: ProfileCatalog,
         clock: @escaping @Sendable () -> Date = { Date() }) throws {
        self.store = store
        self.clock = clock
        var routes: [String: String] = [:], periods: [String: DestinationSpec.PackageSettings.Period] = [:]
        for spec in specs {
            for r in spec.package?.recipients ?? [] { routes[r] = spec.name }
            periods[spec.name] = spec.package?.period
        }
        planner = DeliveryPlanner(calculator: DeadlineCalculator(calendar: calendar, profiles: profiles), packageRoutes: routes,
                                  packagePeriods: periods)
        clients = try specs.filter { $0.package == nil }.map(PlatformClient.init)
        runner = DeliveryRunner(
            store: store, clients: clients, packagers: specs.compactMap(OfflinePackager.init),
            planner: planner,
            clock: clock, progress: { Console.error(Masking.text($0)) })
    }

    /// Runs the workers, then closes the HTTP clients whatever happened. Deadlines counted over a year whose calendar
    /// was not loaded are counted again first: the calendar loaded now may hold that year.
    func run(untilIdle: Bool, maxWait: TimeInterval?) async throws -> DeliveryRunner.Outcome {
        let recounted = try store.recountProvisional(now: clock(), loadedYears: planner.calculator.calendar.loadedYears) { planner.replan($0, acknowledgedAt: $1) }
        if recounted > 0 {
            Console.error("\(recounted) provisional deadlines counted again with the calendar years now loaded (see each message's history)")
        }
        do {
            let outcome = try await runner.run(untilIdle: untilIdle, maxWait: maxWait)
            for c in clients { try? await c.shutdown() }
            return outcome
        } catch {
            for c in clients { try? await c.shutdown() }
            throw error
        }
    }

    /// One line per destination and one for claims.
    func print(_ outcome: DeliveryRunner.Outcome, elapsed: TimeInterval, indent: String = "") {
        for d in outcome.destinations {
            let rate = elapsed > 0 ? Int(Double(d.delivered) / elapsed) : 0
            var line = "\(indent)\(d.destination): delivered \(d.delivered) (\(d.duplicates) already there), attempts \(d.attempts), "
                + "retries \(d.retries), dead letters \(d.deadLetters)"
                + (d.returned > 0 ? ", \(d.returned) given back unsent (the run stopped, or the platform was too slow for their leases)" : "")
                + "; \(rate) msg/s"
            let left = d.backlog
            if !left.isIdle {
                line += "; left: \(left.due) due, \(left.waiting) waiting for a retry, \(left.leased) leased or awaiting a receipt"
                    + (left.nextDueAt.map { " (next at \(ShanghaiTime.format($0)))" } ?? "")
            }
            Swift.print(line)
        }
        let autoClaimed = outcome.closed.filter { $0.state == .autoClaimed }.count
        let overdue = outcome.closed.filter { $0.state == .overdue }.count
        let verified = outcome.closed.filter { $0.state == .verified }.count
        Swift.print("\(indent)claims: \(outcome.events) events recorded, \(autoClaimed) auto-claimed at their deadline, "
                    + "\(overdue) overdue (no auto-claim in their rules), "
                    + "\(outcome.closed.count - autoClaimed - overdue - verified) feedback windows closed, "
                    + "\(verified) commitments verified")
        for e in outcome.feedErrors { Console.error("warning: \(Masking.text(e))") }
    }
}
