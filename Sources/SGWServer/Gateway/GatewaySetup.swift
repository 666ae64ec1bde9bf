public import AsyncHTTPClient
public import Foundation
public import Logging
public import SGWCore
import SGWMapping
public import SGWPipeline
public import SGWSources
public import SGWStore

/// What the gateway is built from, and the one place that turns the configuration folder into running parts: the
/// webhook receivers, the pollers, the watched inboxes and the destinations. Built at start and again on every
/// reload; a build with problems is refused whole, so that a broken file never replaces a working configuration.
public struct GatewaySetup: Sendable {
    /// The folder holding adapters/, mappings/, destinations/ and gateway.yaml.
    public var configFolder: String
    /// The data folder.
    public var dataFolder: String
    /// The gateway file's settings.
    public var configuration: GatewayConfiguration
    /// The working calendar.
    public var calendar: WorkingCalendar
    /// The jurisdiction profiles.
    public var profiles: ProfileCatalog
    /// The store.
    public var store: any MessageStore
    /// Webhook batches are committed together through it.
    public var committer: GroupCommit
    /// The pollers' HTTP client.
    public var http: HTTPClient
    /// The log.
    public var logger: Logger
    /// The environment secrets are read from.
    public var environment: [String: String]

    /// A setup.
    public init(configFolder: String, dataFolder: String, configuration: GatewayConfiguration, calendar: WorkingCalendar,
                profiles: ProfileCatalog, store: any MessageStore, http: HTTPClient, logger: Logger,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.configFolder = configFolder
        self.dataFolder = dataFolder
        self.configuration = configuration
        self.calendar = calendar
        self.profiles = profiles
        self.store = store
        committer = GroupCommit(store: store)
        self.http = http
        self.logger = logger
        self.environment = environment
    }

    /// The running parts of one configuration.
    public struct Parts: Sendable {
        /// The webhook adapters.
        public var webhooks: [WebhookReceiver] = []
        /// The polled adapters.
        public var pollers: [HTTPPoller] = []
        /// The file adapters.
        public var inboxes: [InboxWatcher.Watched] = []
        /// The destinations (empty when delivery is off).
        public var destinations: [DestinationSpec] = []
        /// The planner every source plans with.
        public var planner: DeliveryPlanner
        /// The files read.
        public var files: Int = 0
    }

    /// Reads the configuration folder and builds its parts; the problems instead when there are any.
    public func build() -> Result<Parts, ConfigProblems> {
        let ws = Workspace.load(directory: configFolder, profiles: Set(profiles.profiles.keys))
        // A gateway without adapters still delivers and takes claims callbacks: no source is not a problem here.
        var problems = ws.problems.filter { !($0.file == configFolder && $0.message.hasPrefix("no adapters/")) }
        if ws.fileCount == 0 { logger.warning("\(configFolder) has no adapters/ or mappings/: only delivery and the claims callback run") }
        let destinationsFolder = (configFolder as NSString).appendingPathComponent("destinations")
        let (destinations, p) = DestinationSpec.loadAll(folder: destinationsFolder, dataFolder: dataFolder, environment: environment)
        problems += p
        let planner = DeliveryPlanner(calculator: DeadlineCalculator(calendar: calendar, profiles: profiles), destinations: destinations)
        var parts = Parts(planner: planner, files: ws.fileCount)
        if configuration.delivery {
            parts.destinations = configuration.platformURL.map { base in destinations.map { $0.rebased(on: base) } } ?? destinations
        }
        for name in ws.adapters.keys.sorted() {
            guard let (adapter, mapper) = try? ws.mapper(adapter: name) else { continue }  // its problems are in ws.problems
            let intake = RecordIntake(adapter: adapter, mapper: mapper, planner: planner,
                                      rejectsFolder: (dataFolder as NSString).appendingPathComponent("rejects"))
            do {
                switch adapter.kind {
                case .webhook:
                    let settings = try WebhookSettings(adapter: adapter, environment: environment)
                    if let other = parts.webhooks.first(where: { $0.settings.path == settings.path }) {
                        problems.append(.conflict("webhook.path \(settings.path) is served by \(other.adapter) already", file: adapter.file))
                    }
                    parts.webhooks.append(WebhookReceiver(settings: settings, intake: intake, committer: committer))
                case .httpPoll:
                    let settings = try PollSettings(adapter: adapter, environment: environment)
                    parts.pollers.append(HTTPPoller(settings: settings, intake: intake, store: store, http: http, logger: logger))
                case .file:
                    let inbox = FileInbox(settings: adapter.settings, base: configFolder)
                    parts.inboxes.append(InboxWatcher.Watched(adapter: adapter, mapper: mapper, inbox: inbox))
                }
            } catch let problem as WebhookSettings.Problem {
                problems.append(.invalidValue(Self.strip(problem.description, adapter.file), file: adapter.file))
            } catch let problem as PollSettings.Problem {
                problems.append(.invalidValue(Self.strip(problem.description, adapter.file), file: adapter.file))
            } catch {
                problems.append(.invalidValue("\(error)", file: adapter.file))
            }
        }
        return problems.isEmpty ? .success(parts) : .failure(ConfigProblems(problems))
    }

    static func strip(_ message: String, _ file: String) -> String {
        message.hasPrefix(file + ": ") ? String(message.dropFirst(file.count + 2)) : message
    }
}
