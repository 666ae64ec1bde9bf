import Foundation
public import Logging
public import SGWCore
import SGWPipeline
import SGWSources
public import ServiceLifecycle
import UnixSignals

/// Runs the parts of the configuration in force (pollers, inbox watchers, delivery workers) and swaps them on
/// `SIGHUP`: the folder is read and checked again, and only a configuration without problems replaces the running
/// one (each problem is logged as `FILE:LINE: message`; the old parts keep running). The webhook table is swapped
/// first, so that no request finds a path half configured; the old parts are then stopped as on shutdown and the
/// new ones started.
public struct GatewaySupervisor: Service {
    let setup: GatewaySetup
    let webhooks: WebhookTable
    let initial: GatewaySetup.Parts
    let logger: Logger
    let onReload: @Sendable (Result<GatewaySetup.Parts, ConfigProblems>) -> Void
    /// Reloads asked for over the admin API, done as a SIGHUP's.
    let requests: ReloadRequests?

    /// A supervisor starting with `initial` (already in the webhook table), reloading from `setup` on SIGHUP and on
    /// `requests`.
    public init(setup: GatewaySetup, webhooks: WebhookTable, initial: GatewaySetup.Parts, logger: Logger,
                requests: ReloadRequests? = nil,
                onReload: @escaping @Sendable (Result<GatewaySetup.Parts, ConfigProblems>) -> Void = { _ in }) {
        self.setup = setup
        self.webhooks = webhooks
        self.initial = initial
        self.logger = logger
        self.requests = requests
        self.onReload = onReload
    }

    /// What starts a reload: the signal, or an admin API request (by its number in `requests`).
    enum Trigger: Sendable { case signal, request(UInt64) }

    public func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        let (triggers, feed) = AsyncStream.makeStream(of: Trigger.self)
        let forward = Task { for await _ in signals { feed.yield(.signal) } }
        requests?.attach { id in
            if case .enqueued = feed.yield(.request(id)) { return true }
            return false
        }
        defer {
            requests?.detach()
            forward.cancel()
            feed.finish()
        }
        // Cancelled by a graceful shutdown: the triggers end, and the parts in force are stopped as on shutdown.
        await cancelWhenGracefulShutdown {
            var running = start(initial)
            for await trigger in triggers {
                let result = setup.build()
                onReload(result)
                switch result {
                case .failure(let problems):
                    for p in problems.problems { logger.error("reload refused: \(p)") }
                    logger.error("reload refused: \(problems.problems.count) problems; the configuration in force stays")
                case .success(let parts):
                    webhooks.replace(with: parts.webhooks)
                    running.cancel()
                    await running.value
                    running = start(parts)
                    logger.notice("reloaded: \(Self.describe(parts))")
                }
                // Answered once the new parts run (or the old ones stay).
                if case .request(let id) = trigger { requests?.answer(id, result.map { Self.describe($0) }) }
            }
            running.cancel()
            await running.value
        }
    }

    /// Starts the parts' services in a task of their own; cancelling it stops them as a shutdown does.
    func start(_ parts: GatewaySetup.Parts) -> Task<Void, Never> {
        var services: [any Service] = parts.pollers.map { PollService(poller: $0, logger: logger) }
        if !parts.inboxes.isEmpty {
            let importer = Importer(store: setup.store, planner: parts.planner)
            services.append(InboxWatcher(watched: parts.inboxes, importer: importer,
                                         rejectsFolder: (setup.dataFolder as NSString).appendingPathComponent("rejects"),
                                         interval: setup.configuration.schedules.inboxScanSeconds, logger: logger))
        }
        if !parts.destinations.isEmpty {
            do {
                services.append(try DeliveryWorkers(destinations: parts.destinations, store: setup.store, planner: parts.planner, logger: logger))
            } catch {
                logger.error("delivery workers not started: \(error)")
            }
        }
        return Task { [logger] in
            await withTaskGroup(of: Void.self) { group in
                for service in services {
                    group.addTask {
                        do { try await service.run() } catch { logger.error("\(type(of: service)) stopped: \(error)") }
                    }
                }
            }
        }
    }

    /// One line: what runs.
    public static func describe(_ parts: GatewaySetup.Parts) -> String {
        "\(parts.webhooks.count) webhooks (\(parts.webhooks.map(\.settings.path).joined(separator: ", "))), "
            + "\(parts.pollers.count) polled APIs, \(parts.inboxes.count) inboxes, \(parts.destinations.count) destinations"
    }
}
