import Foundation
public import SGWReports
public import SGWStore

/// The accountability reports, as a reader may see them.
extension AdminService {
    /// The report of `period` (`2026-11`, `2026-Q4`, `FROM..TO`), of `department` when given, as `principal` may see
    /// it (a department's token: its own messages only, whatever `department` says), judged now; writes a
    /// `report-generated` line to the audit log naming the reader and `format`. Every role may read its report.
    public func report(_ principal: Principal, period text: String, department: String?, format: ReportFormat) throws -> AccountabilityReport {
        guard let period = ReportingPeriod(text.trimmingCharacters(in: .whitespaces)) else {
            throw AdminError.badRequest("period must be a month (2026-11), a quarter (2026-Q4) or FROM..TO (2026-11-01..2026-11-15), not '\(text)'")
        }
        let at = now()
        let report = try AccountabilityReport.make(store: store, period: period, department: department, scope: principal.scope, now: at)
        try store.audit(AuditEntry(at: at, actor: principal.name, role: principal.role, action: .reportGenerated, target: period.description,
                                   detail: "\(format.rawValue) in the console; department \(department ?? "all")"))
        return report
    }
}
