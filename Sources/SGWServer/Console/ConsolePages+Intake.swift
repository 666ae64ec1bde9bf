import Foundation
import Hummingbird
import SGWStore

/// Imports with their counts and rejects file, and the adapters' health (admin, operator, auditor: the service
/// refuses a department, whose scope no import file respects).
extension ConsolePages {
    func imports(_ principal: Principal, _ request: Request) async throws -> Response {
        let query = Self.query(request)
        let page = try Self.page(query)
        let adapter = query.text("adapter")
        let found = try await call { try $0.imports(principal, adapter: adapter, page) }
        let rows: [[String: Any]] = try zip(found.items, ConsoleValues.objects(found.items)).map { i, row in
            var row = row
            row["rejectedClass"] = i.rejected > 0 ? "bad" : ""
            // Counted by record, the parts add up to the rows; say so when they do not rather than hide it.
            row["countMismatch"] = i.countsRecords && i.finishedAt != nil
                && i.accepted + i.duplicates + i.updated + i.rejected + i.skipped != i.rows
            return row
        }
        var values: [String: Any] = ["items": rows]
        values.merge(Self.paging(found.total, found.items.count, page, request)) { a, _ in a }
        return render("imports", principal, nav: "imports", values)
    }

    /// The rejected rows of an import as CSV, as the admin API gives them.
    func rejects(_ principal: Principal, id: String) async throws -> Response {
        guard let importID = Int64(id) else { throw AdminError.notFound("import \(id)") }
        let bytes = try await call { try $0.rejectsCSV(principal, importID: importID) }
        return ConsoleResponse.download(bytes, name: "import-\(importID)-rejects.csv", contentType: "text/csv; charset=utf-8")
    }

    func adapters(_ principal: Principal) async throws -> Response {
        let adapters = try await call { try $0.adapters(principal) }
        let rows: [[String: Any]] = try zip(adapters, ConsoleValues.objects(adapters)).map { a, row in
            var row = row
            row["lag"] = a.lagSeconds.map { ConsoleLabels.duration(seconds: $0) } ?? "—"
            row["lagTone"] = (a.lagSeconds ?? 0) > 2 * 86_400 ? "warn" : ""
            row["unfinishedClass"] = a.unfinished > 0 ? "warn" : ""
            return row
        }
        return render("adapters", principal, nav: "adapters", ["items": rows])
    }
}
