import Foundation
import Hummingbird
import SGWConsole
import SGWReports
import SGWStore

/// The accountability report of a period: SGWReports' HTML fragment (its tables and inline SVG charts) in the page,
/// and the same report as XLSX or CSV to download. A department's token gets its own messages only (the service).
extension ConsolePages {
    func reports(_ principal: Principal, _ request: Request) async throws -> Response {
        let query = Self.query(request)
        let period = query.text("period"), department = principal.role == .department ? nil : query.text("department")
        var values: [String: Any] = ["period": period ?? "", "department": department ?? ""]
        guard let period else { return render("reports", principal, nav: "reports", values) }
        let format = query.text("format").flatMap(ReportFormat.init(rawValue:))
        let report: AccountabilityReport
        do {
            report = try await call { try $0.report(principal, period: period, department: department, format: format ?? .html) }
        } catch let error as AdminError where error.code == "bad-request" {
            values["error"] = error.message
            return render("reports", principal, nav: "reports", values, status: .badRequest)
        }
        if let format, format != .html {
            let data = try report.data(format: format)
            let type = format == .xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8"
            return ConsoleResponse.download(Array(data), name: report.fileName(format: format), contentType: type)
        }
        // The fragment is sgw's own markup, every text in it escaped by ReportHTML; message ids link to console pages.
        values["hasReport"] = true
        values["report"] = TrustedHTML("<style>\(ReportHTML.style)</style>\n" + ReportHTML.body(report, baseURL: ""))
        values["downloads"] = [ReportFormat.xlsx, .csv].map { f -> [String: Any] in
            var c = URLComponents()
            c.path = "/console/reports"
            c.queryItems = [URLQueryItem(name: "period", value: period)] + (department.map { [URLQueryItem(name: "department", value: $0)] } ?? [])
                + [URLQueryItem(name: "format", value: f.rawValue)]
            return ["href": c.string ?? "", "label": f == .xlsx ? "Excel（XLSX）" : "CSV"]
        }
        return render("reports", principal, nav: "reports", values)
    }
}
