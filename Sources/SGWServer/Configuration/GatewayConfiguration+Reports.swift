import Foundation
import SGWCore

extension GatewayConfiguration {
    /// `reports:` (empty, `true`, or `{folder, formats, check}`) turns the scheduled reports on; `false` leaves them off.
    static func readReports(_ value: ConfigValue, reader: ConfigReader, seconds: (ConfigValue?) -> TimeInterval?) -> Reports? {
        var reports = Reports()
        if value.isNull { return reports }
        if let on = value.bool { return on ? reports : nil }
        guard let map = value.mapping(allowed: ["folder", "formats", "check"]) else { return reports }
        if let folder = map["folder"]?.string { reports.folder = folder }
        if let formats = map["formats"] {
            let names = formats.sequence?.compactMap(\.string) ?? formats.string.map { [$0] } ?? []
            let known = ["xlsx", "html", "csv"]
            if names.isEmpty || !names.allSatisfy(known.contains) {
                reader.problem("'reports.formats' is a list of xlsx, html and csv", line: formats.line)
            } else {
                reports.formats = names
            }
        }
        if let v = seconds(map["check"]) { reports.checkSeconds = v }
        return reports
    }
}
