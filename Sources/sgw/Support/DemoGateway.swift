import ArgumentParser
import Foundation
import Logging
import SGWCore
import SGWMapping
import SGWPipeline
import SGWServer
import SGWSimulator
import SGWSources
import SGWStore
import ServiceLifecycle

/// `sgw demo`'s live part: the simulator and the gateway service side by side on loopback, records coming in by all
/// three ways, delivered and claimed, then a summary with the URLs.
struct DemoGateway {
    let workspace: String
    let folder: String
    let calendar: WorkingCalendar
    let profiles: ProfileCatalog

    /// The webhook secret the demo's county system and gateway share, made for the run.
    let secret = "whsec_" + Data((0..<24).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()

    /// Runs everything; `after` gets the simulator's URL, the store and the data folder once the service stopped
    /// (without `keepRunning`), for the run some working days later.
    func run(keepRunning: Bool, after: (_ simulator: URL, _ store: SQLiteStore, _ data: String) async throws -> Void) async throws {
        let config = (folder as NSString).appendingPathComponent("config")
        let data = (folder as NSString).appendingPathComponent("data")
        let inbox = try Workspace.copy(from: workspace, to: config)

        // The simulator: both platforms, and the departments' own APIs.
        var sim = SimulatorConfiguration()
        sim.port = 0
        sim.seed = 2026
        sim.recordPath = (folder as NSString).appendingPathComponent("simulator-record.jsonl")
        sim.claims.maxClaimDays = 0  // departments that claim do so at once; the others never (auto-claim or overdue)
        sim.claims.neverClaimShare = 0.3
        let (simPorts, simPort) = AsyncStream.makeStream(of: Int.self)
        let simulatorApp = try Simulator.application(sim, calendar: calendar, quiet: true, onListening: { simPort.yield($0) })
        let simulatorTask = Task { try await simulatorApp.runService() }
        defer { simulatorTask.cancel() }
        var simIterator = simPorts.makeAsyncIterator()
        guard let simulatorPort = await simIterator.next() else { throw ValidationError("the simulator did not start") }
        let simulator = URL(string: "http://127.0.0.1:\(simulatorPort)")!
        // The polled adapter asks the simulator's copy of 聊城's API.
        let polled = config + "/adapters/liaocheng-penalties.yaml"
        if let text = try? String(contentsOfFile: polled, encoding: .utf8) {
            try text.replacingOccurrences(of: "http://127.0.0.1:8900", with: simulator.absoluteString)
                .write(toFile: polled, atomically: true, encoding: .utf8)
        }

        // The gateway, as `sgw serve` runs it.
        var gateway = GatewayConfiguration()
        gateway.listen.port = 0
        gateway.platformURL = simulator
        gateway.schedules.inboxScanSeconds = 1
        gateway.schedules.gaugesSeconds = 5
        var logger = Logger(label: "sgw-demo")
        logger.logLevel = .warning
        var environment = ProcessInfo.processInfo.environment
        environment["SGW_SHICHENG_WEBHOOK_SECRET"] = secret
        environment["SGW_LIAOCHENG_PASSWORD"] = environment["SGW_LIAOCHENG_PASSWORD"] ?? "sgw-demo"
        let store = try SQLiteStore(dataFolder: data, checkpointPages: SQLiteStore.serviceCheckpointPages)
        let setup = GatewaySetup(configFolder: config, dataFolder: data, configuration: gateway, calendar: calendar,
                                 profiles: profiles, store: store, http: .shared, logger: logger, environment: environment)
        let parts: GatewaySetup.Parts
        switch setup.build() {
        case .success(let p): parts = p
        case .failure(let problems): throw Console.configFailure(problems)
        }
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = GatewayApplication.make(setup: setup, parts: parts, metrics: nil, logger: logger) { portContinuation.yield($0) }
        // A service group of the demo's own, so that the demo can stop it gracefully when it is done.
        let group = ServiceGroup(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        let gatewayTask = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw ValidationError("the gateway did not start") }
        let base = "http://127.0.0.1:\(port)"
        print("")
        print("platform simulator and source systems on \(simulator.absoluteString)")
        print("gateway service on \(base) (\(GatewaySupervisor.describe(parts)))")

        // 1. Files: each sample whose adapter reads files, dropped into the inbox as a department's system would.
        let (tests, _) = MappingTest.load(directory: workspace)
        var dropped = 0
        for test in tests {
            guard let inboxAdapter = parts.inboxes.first(where: { $0.adapter.name == test.adapter }) else { continue }
            let target = (inbox as NSString).appendingPathComponent((test.input as NSString).lastPathComponent)
            try FileManager.default.copyItem(atPath: test.input, toPath: target)
            if let marker = inboxAdapter.inbox.readyMarker {
                _ = FileManager.default.createFile(atPath: target + marker, contents: nil)
            } else {
                // Written long enough ago to count as complete (the adapter waits for quiet files).
                try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-3600)], ofItemAtPath: target)
            }
            dropped += 1
        }
        print("  files: \(dropped) sample files dropped into \(inbox)")
        // 2. Webhooks: the 石城 county system posts signed approvals.
        var caller = WebhookCaller.Settings(url: base + "/hooks/shicheng/approvals", secret: secret)
        caller.requests = 6
        caller.recordsPerRequest = 2
        caller.intervalSeconds = 0.1
        print("  webhooks: 石城's county system posts \(caller.requests) signed requests of \(caller.recordsPerRequest) approvals")
        try await WebhookCaller(settings: caller, seed: 2026).run()
        // 3. Polling: the service asked 聊城's API when it started, and asks again every 15 minutes.
        print("  polling: \(parts.pollers.map { $0.settings.url.absoluteString }.joined(separator: ", "))")

        try await waitUntilSettled(store: store, inbox: inbox, parts: parts)
        var confirmed: Set<String> = []
        try confirmPackages(parts: parts, confirmed: &confirmed)
        try await waitUntilSettled(store: store, inbox: inbox, parts: parts, receiptsApplied: true, confirmed: &confirmed)
        try await printSummary(store: store, parts: parts)
        print("")
        print("gateway:   \(base)  (webhook POST \(base)/hooks/shicheng/approvals, \(base)/healthz, \(base)/readyz)")
        print("simulator: \(simulator.absoluteString)/sources/liaocheng/penalties, \(simulator.absoluteString)/_sim/stats")
        print("data:      \(data)  (sgw status --data \(data), sgw messages --data \(data))")
        if keepRunning {
            print("running until Ctrl-C")
            _ = try? await gatewayTask.value
            return
        }
        await group.triggerGracefulShutdown()
        _ = try? await gatewayTask.value
        try await after(simulator, store, data)
    }

    /// Waits (at most two minutes) until every inbox file is imported, the poller has read the API, and nothing is
    /// left to send; prints a line every few seconds meanwhile.
    /// With `receiptsApplied`, the offline packages' records must have left their leases too (their receipts read); a
    /// package written after the first confirmation (its records leased before its file was complete) is confirmed
    /// then, once, as `confirmed` records.
    func waitUntilSettled(store: SQLiteStore, inbox: String, parts: GatewaySetup.Parts, receiptsApplied: Bool = false) async throws {
        var none: Set<String> = []
        try await waitUntilSettled(store: store, inbox: inbox, parts: parts, receiptsApplied: receiptsApplied, confirmed: &none)
    }

    func waitUntilSettled(store: SQLiteStore, inbox: String, parts: GatewaySetup.Parts, receiptsApplied: Bool,
                          confirmed: inout Set<String>) async throws {
        let platforms = parts.destinations.filter { $0.package == nil }.map(\.queue)
        let packages = parts.destinations.filter { $0.package != nil }.map(\.queue)
        let started = Date()
        var lastLine = Date()
        while Date().timeIntervalSince(started) < 120 {
            let waiting = parts.inboxes.reduce(0) { n, w in let s = w.inbox.scan(); return n + s.ready.count + s.waiting.count }
            let pollers = parts.pollers.map(\.adapter)
            let (polled, sending, packaging) = try await blockingCall {
                (try pollers.allSatisfy { try store.watermark(adapter: $0) != nil }, try store.backlog(destinations: platforms, now: Date()),
                 // An offline package's records stay leased until its receipt: settled as far as the gateway goes.
                 try store.backlog(destinations: packages, now: Date()))
            }
            if waiting == 0, polled, sending.due + sending.waiting + sending.leased == 0, packaging.due + packaging.waiting == 0,
               !receiptsApplied || packaging.leased == 0 {
                return
            }
            if receiptsApplied, packaging.leased > 0 { try confirmPackages(parts: parts, confirmed: &confirmed) }
            if Date().timeIntervalSince(lastLine) >= 3 {
                lastLine = Date()
                print("  … \(waiting) files waiting, \(sending.due + packaging.due) deliveries due, \(sending.leased) in flight")
            }
            try await Task.sleep(for: .milliseconds(250))
        }
        print("  (stopped waiting after two minutes)")
    }

    /// The department behind each offline package opens it and confirms: all records received, half claimed.
    func confirmPackages(parts: GatewaySetup.Parts, confirmed: inout Set<String>) throws {
        for spec in parts.destinations {
            guard let settings = spec.package, let packager = OfflinePackager(spec: spec) else { continue }
            let packages = ((try? FileManager.default.contentsOfDirectory(atPath: settings.outbox)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
            for package in packages where !confirmed.contains(package) {
                // Only a package whose manifest is written: its records are listed there, and nowhere else.
                guard let tokens = packager.leaseTokens(package: package), !tokens.isEmpty else { continue }
                confirmed.insert(package)
                // The manifest lists every record the package carries, whatever the records' format.
                let ids = tokens.keys.sorted()
                let receipt: [String: Any] = [
                    "package": package, "accepted": ids,
                    "claims": ids.prefix(ids.count / 2).map { ["id": $0, "department": settings.recipients.first ?? "", "at": ShanghaiTime.format(.now)] },
                ]
                let path = (settings.receipts as NSString).appendingPathComponent("\(package).receipt.json")
                try JSONSerialization.data(withJSONObject: receipt, options: [.sortedKeys]).write(to: URL(fileURLWithPath: path))
                print("  \(settings.recipients.joined(separator: ", ")) confirms package \(package): \(ids.count) received, "
                      + "\(ids.count / 2) claimed (receipt \(path))")
            }
        }
    }

    /// What came in by each way, and where it went.
    func printSummary(store: SQLiteStore, parts: GatewaySetup.Parts) async throws {
        print("")
        print("came in:")
        let ways: [(String, [String])] = [("files", parts.inboxes.map(\.adapter.name)), ("webhooks", parts.webhooks.map(\.adapter)),
                                         ("polling", parts.pollers.map(\.adapter))]
        for (way, adapters) in ways {
            let counts = try await blockingCall { try adapters.map { a in (a, try store.messageCount(MessageFilter(adapter: a, allVersions: true))) } }
            print("  \(way): " + counts.map { "\($0.0) \($0.1) messages" }.joined(separator: ", "))
        }
        let now = Date()
        let cutoff = calendar.atRiskCutoff(after: now)
        let d = try await blockingCall { try store.deliveryStatus(now: now, atRiskBefore: cutoff) }
        print("delivered:")
        for q in d.queues {
            print("  \(q.destination): \(q.delivered) delivered, \(q.pending + q.leased) open, \(q.deadLetters) dead letters")
        }
        print("  claims so far: \(d.claimed) claimed, \(d.claimsOpen) open, \(d.disputes) disputes (the claims feed is read every interval_seconds of destinations/interaction.yaml)")
    }
}
