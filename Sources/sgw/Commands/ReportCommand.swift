import ArgumentParser
import Foundation
import SGWCore
import SGWReports
import SGWStore

/// `sgw report --period 2026-11|2026-Q4|FROM..TO [--profile P] [--department D] --format xlsx|html|csv [--output FILE]`:
/// the accountability report of a period, written to a file; its totals on standard error.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the accountability report of a period: pushes, claims, auto-claims, disputes, overdue, credit records.",
        discussion: """
            Per department and duty: messages pushed, on time, late, overdue; claimed within the deadline, late, \
            auto-claimed (视为自动认领, with who answers for it), overdue and open; disputes; credit records sent within \
            7 working days, late, held. The period holds the messages sgw received in it (Shanghai time); their outcomes \
            are as the store holds them now. Without --period: the last complete period of the profile (周村 monthly, \
            art. 7; 聊城 quarterly, art. 23; 曲阜 art. 19 sets none, so name one), or the last complete month without \
            --profile. Numbers agree with `sgw status --period` for the same period. Each report is logged in the audit log.
            """)

    @OptionGroup var rules: RulesOptions
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: ArgumentHelp("2026-11, 2026-Q4 or FROM..TO (dates, both included).", valueName: "period")) var period: String?
    @Option(help: "Only messages of this profile (zhoucun, liaocheng …).") var profile: String?
    @Option(help: "Only messages of this department, as messages name it.") var department: String?
    @Option(help: "xlsx, html or csv.") var format: String = "xlsx"
    @Option(help: ArgumentHelp("The file to write (default: sgw-report-PERIOD[-PROFILE].FORMAT here).", valueName: "file")) var output: String?
    @Option(help: ArgumentHelp("With html: message ids link to BASE/console/messages/ID.", valueName: "url")) var baseURL: String?
    @Option(help: ArgumentHelp("Judge what is overdue as if it were this time.", valueName: "time")) var asOf: String?
    @Option(help: "Who makes it (for the audit log). Default: $USER.") var by: String?

    func run() throws {
        guard let kind = ReportFormat(rawValue: format) else { throw ValidationError("--format must be xlsx, html or csv") }
        let now = try asOf.map { text in
            guard let t = ShanghaiTime.parseInstant(text) else { throw ValidationError("--as-of: '\(text)' is not a time") }
            return t
        } ?? .now
        let profiles = try rules.loadProfiles()
        let chosen = try profile.map { id in
            guard let p = profiles.profiles[id] else {
                throw ValidationError("unknown profile '\(id)' (\(profiles.sorted.map(\.id).joined(separator: ", ")))")
            }
            return p
        }
        let reporting: ReportingPeriod
        do {
            reporting = try ReportingPeriod.resolve(period, profile: chosen, profiles: profiles.sorted, now: now)
        } catch {
            throw ValidationError(error.message)
        }
        let actor = Principal.commandLine(user: by ?? Environment.value("USER") ?? "operator")
        let report = try storeOptions.reading { store in
            try AccountabilityReport.make(store: store, period: reporting, profile: profile, department: department, now: now)
        }
        let path = output ?? report.fileName(format: kind)
        try report.data(format: kind, baseURL: baseURL).write(to: URL(fileURLWithPath: path), options: .atomic)
        try storeOptions.reading { store in
            try store.audit(AuditEntry(at: .now, actor: actor.name, role: actor.role, action: .reportGenerated,
                                       target: reporting.description,
                                       detail: "\(kind.rawValue) to \(path); profile \(profile ?? "all"), department \(department ?? "all")"))
        }
        Console.error("report \(reporting) (\(report.messages) messages received in it) written to \(path)")
        for line in report.totalsSummary { print(line) }
    }
}
