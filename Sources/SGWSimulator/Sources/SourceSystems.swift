import Foundation

/// How the simulated source systems behave: the departments' paged APIs (a JSON one shaped like 聊城's case system
/// and an XML one), which records they hold and how many more appear as the simulator's clock moves, how they
/// authenticate, and their faults.
public struct SourceSystems: Sendable {
    /// Records the APIs hold when the simulator starts (updated in the minutes before it).
    public var recordsAtStart = 45
    /// Records added each minute of the simulator's clock after the start.
    public var recordsPerMinute: Double = 2
    /// The login the APIs want (`POST /sources/login` with `{"user","password"}`); nil: the APIs are open.
    public var login: (user: String, password: String)? = ("sgw", "sgw-demo")
    /// How long a login token lives, in seconds of the real clock.
    public var tokenLifetimeSeconds: Double = 3600
    /// Faults injected into the source APIs (the login excepted), drawn like the platforms'.
    public var faults = SimulatorConfiguration.Faults()
    /// Share of pages answered `200` with `{"code":"500","msg":"系统繁忙"}` and no data, as some case systems do.
    public var errorInsideOKRate: Double = 0

    /// Open-ended defaults: 45 records, 2 more a minute, login sgw / sgw-demo.
    public init() {}
}
