import ArgumentParser
import Foundation
import SGWCore
import SGWPipeline
import SGWStore

/// The workers for a set of destinations, shared by `sgw deliver` and `sgw demo`.
struct DeliverySession {
    let runner: DeliveryRunner
    let clients: [PlatformClient]

    init(specs: [DestinationSpec], store: any MessageStore, calendar: WorkingCalendar, profiles: ProfileCatalog,
         clock: @escaping @Sendable () -> Date = { Date() }) throws {
        clients = try specs.filter { $0.package == nil }.map(PlatformClient.init)
        runner = DeliveryRunner(
            store: store, clients: clients, packagers: specs.compactMap(OfflinePackager.init),
            planner: DeliveryPlanner(calculator: DeadlineCalculator(calendar: calendar, profiles: profiles)),
            clock: clock, progress: { Console.error(Masking.text($0)) })
    }

    /// Runs the workers, then closes the HTTP clients whatever happened.
    func run(untilIdle: Bool, maxWait: TimeInterval?) async throws -> DeliveryRunner.Outcome {
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
        let autoClaimed = outcome.closed.filter { $0.state == "auto-claimed" }.count
        Swift.print("\(indent)claims: \(outcome.events) events recorded, \(autoClaimed) auto-claimed at their deadline, "
                    + "\(outcome.closed.count - autoClaimed) feedback windows closed")
        for e in outcome.feedErrors { Console.error("warning: \(Masking.text(e))") }
    }
}
