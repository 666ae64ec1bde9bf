import Foundation
public import Hummingbird
public import Logging
import SGWPipeline
import SGWSources
import ServiceLifecycle

/// The whole gateway as one application: the HTTP server (webhooks, claims callback, health, metrics) with the
/// supervisor of the configuration's parts (pollers, inbox watchers, delivery workers) and the status gauges as its
/// services, stopped together. `sgw serve` runs it until a signal; `sgw demo` runs it beside the simulator.
public enum GatewayApplication {
    /// The application for `setup` with `parts` in force (already built without problems).
    public static func make(setup: GatewaySetup, parts: GatewaySetup.Parts, metrics: (@Sendable () -> [UInt8])?,
                            logger: Logger, onListening: @escaping @Sendable (Int) async -> Void) -> some ApplicationProtocol {
        let webhooks = WebhookTable()
        webhooks.replace(with: parts.webhooks)
        let store = setup.store
        let reloads = ReloadRequests()
        // The configuration is loaded once the server runs (sgw refuses to start without it, and a reload that fails
        // keeps the one in force); what can go away is the store.
        let routes = GatewayServer.Routes(
            store: store, callbackToken: setup.configuration.callbackToken, webhooks: webhooks, metrics: metrics,
            notReady: {
                do { try await blockingCall { try store.checkWritable() } } catch { return "the store is not writable: \(error)" }
                return nil
            },
            admin: AdminService(store: store, calendar: setup.calendar, reload: {
                switch await reloads.reload() {
                case .some(.success(let running)): return running
                case .some(.failure(let problems)):
                    throw AdminError.conflict("the configuration has \(problems.problems.count) problems; the one in force stays:\n\(problems)")
                case .none: throw AdminError.unavailable("the gateway is stopping")
                }
            }))
        let supervisor = GatewaySupervisor(setup: setup, webhooks: webhooks, initial: parts, logger: logger, requests: reloads)
        let gauges = StatusGauges(store: store, calendar: setup.calendar, interval: setup.configuration.schedules.gaugesSeconds,
                                  logger: logger)
        var services: [any Service] = [supervisor, gauges]
        if let reports = setup.configuration.reports {
            services.append(ScheduledReports(store: store, profiles: setup.profiles, folder: reports.folder.hasPrefix("/") ? reports.folder
                                                : (setup.dataFolder as NSString).appendingPathComponent(reports.folder),
                                             formats: reports.formats, interval: reports.checkSeconds, logger: logger))
        }
        return GatewayServer.application(routes, host: setup.configuration.listen.host, port: setup.configuration.listen.port,
                                         services: services, logger: logger, onListening: onListening)
    }
}
