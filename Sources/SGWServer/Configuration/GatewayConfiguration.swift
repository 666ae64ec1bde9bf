public import Foundation

/// What `sgw serve` runs with that is not per adapter: `gateway.yaml` in the configuration folder
/// (`GatewayConfiguration+YAML.swift`; keys in docs/operations.md). Every key has a default, so a gateway with no
/// file serves on 127.0.0.1:8080 with its data in `./data`.
public struct GatewayConfiguration: Sendable, Equatable {
    /// Where the HTTP server listens.
    public struct Listen: Sendable, Equatable {
        /// The address; anything but loopback needs a callback token.
        public var host = "127.0.0.1"
        /// The port; 0 picks a free one.
        public var port = 8080
    }

    /// How often the long-running parts act.
    public struct Schedules: Sendable, Equatable {
        /// Seconds between two scans of the file inboxes.
        public var inboxScanSeconds: TimeInterval = 30
        /// Seconds between two refreshes of the queue, deadline and at-risk gauges.
        public var gaugesSeconds: TimeInterval = 30
    }

    /// The scheduled accountability reports (`ScheduledReports`): off unless `reports:` is in the file.
    public struct Reports: Sendable, Equatable {
        /// The folder the reports go to, under the data folder when not absolute.
        public var folder = "reports"
        /// The formats written for each period.
        public var formats = ["xlsx", "html"]
        /// Seconds between two looks for a period that closed.
        public var checkSeconds: TimeInterval = 3600
    }

    /// The listen address.
    public var listen = Listen()
    /// The scheduled reports; nil: none.
    public var reports: Reports?
    /// The data folder (the store, rejects, packages), relative to the configuration folder when not absolute.
    public var data = "data"
    /// The schedules.
    public var schedules = Schedules()
    /// Whether the delivery workers and the claims follower run in this process.
    public var delivery = true
    /// Send to this base URL instead of the destinations' hosts (a simulator).
    public var platformURL: URL?
    /// The bearer token the claims callback requires (resolved from `${env:…}`).
    public var callbackToken: String?
    /// Whether `GET /metrics` answers.
    public var metrics = true
    /// The lowest log level written: trace, debug, info, notice, warning, error, critical.
    public var logLevel = "info"
    /// The file it was read from; nil for the defaults.
    public var file: String?

    /// The defaults.
    public init() {}
}
