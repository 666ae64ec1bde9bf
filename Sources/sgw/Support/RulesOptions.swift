import ArgumentParser
import SGWCore

/// Where the working calendar and the jurisdiction profiles come from: the bundled data, plus operator folders.
struct RulesOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "A folder of extra calendar years (YEAR.yaml); a year there adds to or replaces the bundled 2020–2026. Default: $SGW_CALENDAR_DIR.",
        valueName: "dir"))
    var calendarDir: String?

    @Option(name: .long, help: ArgumentHelp(
        "A folder of profiles (ID.yaml) that add to or replace the bundled five. Default: $SGW_PROFILES_DIR.",
        valueName: "dir"))
    var profilesDir: String?

    @Option(name: .long, help: ArgumentHelp(
        "The operational target, in minutes, of 'at once' (即时) duties whose profile sets none.", valueName: "minutes"))
    var atOnceMinutes: Int = ProfileCatalog.defaultAtOnceTargetMinutes

    func validate() throws {
        guard atOnceMinutes >= 1 else { throw ValidationError("--at-once-minutes must be at least 1") }
    }

    /// The calendar, or exit 2 after printing each problem.
    func loadCalendar() throws -> WorkingCalendar {
        do {
            return try WorkingCalendar.load(extraFolder: calendarDir ?? Environment.value("SGW_CALENDAR_DIR"))
        } catch {
            throw Console.configFailure(error)
        }
    }

    /// The profiles, or exit 2 after printing each problem.
    func loadProfiles() throws -> ProfileCatalog {
        do {
            return try ProfileCatalog.load(overrideFolder: profilesDir ?? Environment.value("SGW_PROFILES_DIR"),
                                           atOnceTargetMinutes: atOnceMinutes)
        } catch {
            throw Console.configFailure(error)
        }
    }
}
