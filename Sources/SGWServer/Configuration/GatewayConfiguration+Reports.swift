import Foundation
import SGWCore

extension GatewayConfiguration {
    /// `reports: {}` (the defaults) or `reports: {folder, formats, check}` turns the scheduled reports on; without the
    /// key they are off.
    static func readReports(_ value: ConfigValue, reader: ConfigReader, seconds: (ConfigValue?) -> TimeInterval?) -> Reports? {
        var reports = Reports()
        if value.isNull { return reports }
        guard let map = value.mapping(allowed: ["folder", "formats", "check"]) else { return reports }
        if let folder = map["folder"]?.string { reports.folder = folder }
        // A value that is not a list is reported by `sequence` itself.
        if let formats = map["formats"], let list = formats.sequence {
            let names = list.compactMap(\.string)
            if names.isEmpty || !names.allSatisfy(["xlsx", "html", "csv"].contains) {
                reader.problem("'reports.formats' is a list of xlsx, html and csv", line: formats.line)
            } else {
                reports.formats = names
            }
        }
        if let v = seconds(map["check"]) { reports.checkSeconds = v }
        return reports
    }
}
