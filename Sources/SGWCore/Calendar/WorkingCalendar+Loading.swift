/// Loading the bundled years and an operator's folder of added or corrected years.
extension WorkingCalendar {
    /// Loads the bundled years (2020–2026), then every `*.yaml` in `extraFolder`: a new year is added, a year
    /// already bundled is replaced (a correction). Any problem in any file stops the load.
    public static func load(extraFolder: String? = nil) throws(ConfigProblems) -> WorkingCalendar {
        var files = try BundledData.files(in: "calendar", extension: "yaml").map { ($0, "bundled") }
        if let extraFolder {
            guard BundledData.isDirectory(extraFolder) else {
                throw ConfigProblems([.unreadable("the calendar folder does not exist", file: extraFolder)])
            }
            files += BundledData.files(inFolder: extraFolder, extension: "yaml").map { ($0, $0) }
        }
        var years: [CalendarYear] = []
        var problems: [ConfigProblem] = []
        for (path, origin) in files {
            let shown = origin == "bundled" ? "calendar/" + String(path.split(separator: "/").last ?? "") : path
            let reader = ConfigReader(file: shown)
            if let root = reader.root(contentsOf: path), let year = CalendarYear.read(root, origin: origin) {
                years.append(year)
            }
            problems += reader.problems
        }
        guard problems.isEmpty else { throw ConfigProblems(problems) }
        return WorkingCalendar(years: years)
    }
}
