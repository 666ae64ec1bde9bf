import Foundation
import Hummingbird
import SGWStore

/// The accountability reports: waits for SGWReports (the report model and its HTML writer with SVG charts).
extension ConsolePages {
    func reports(_ principal: Principal, _ request: Request) async throws -> Response {
        let query = Self.query(request)
        var values: [String: Any] = ["period": query.text("period") ?? "", "department": query.text("department") ?? ""]
        if query.text("period") != nil {
            values["error"] = "报表功能尚未接入本网关版本。"
        }
        return render("reports", principal, nav: "reports", values)
    }
}
