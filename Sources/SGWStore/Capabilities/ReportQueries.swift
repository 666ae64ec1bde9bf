public import Foundation

/// What the accountability reports read (`sgw report`, the console, the scheduled reports in `sgw serve`): the
/// deliveries and deadlines of the messages a period covers, one row each, and the same period counted by state for
/// `sgw status --period`, so that a report's totals can be checked against a count made another way.
public protocol ReportQueries: Sendable {
    /// Every delivery and every deadline of the messages `query` selects (received in its period, of its profile and
    /// department, within its scope), in order of receipt.
    func reportRows(_ query: ReportQuery) throws -> ReportRows

    /// The same messages' deliveries and deadlines counted by duty and state in SQL, as of `now`.
    func periodFigures(_ query: ReportQuery, now: Date) throws -> PeriodFigures
}
