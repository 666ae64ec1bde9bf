import ArgumentParser
import Foundation
import SGWCore

/// `sgw profiles [ID…]`: the jurisdiction profiles and their duties.
struct ProfilesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profiles",
        abstract: "List the jurisdiction profiles with their duties and source documents.")

    @OptionGroup var rules: RulesOptions
    @Argument(help: "Profiles to show (all when none).") var ids: [String] = []
    @Flag(help: "Also print each duty's source quote and note.") var verbose = false

    func run() throws {
        let catalog = try rules.loadProfiles()
        let today = ShanghaiTime.date(of: .now)
        var selected: [JurisdictionProfile] = []
        for id in ids {
            do { selected.append(try catalog.profile(id)) } catch { throw ValidationError(error.description) }
        }
        for profile in ids.isEmpty ? catalog.sorted : selected {
            let doc = profile.document
            print("\(profile.id)\t\(profile.name)\t\(doc.title)")
            print("  document: \(doc.number ?? "no number printed"), issued \(doc.date)\(doc.trial ? ", trial" : "")")
            let validity = "in force from \(doc.validFrom)" + (doc.validTo.map { " to \($0)" } ?? ", no end date")
            print("  validity: \(validity)")
            if let warning = doc.validityWarning(on: today) {
                print("  warning:  \(warning); its duties still apply")
            }
            print("  approval authority: \(profile.approvalAuthority)")
            if profile.origin != "bundled" { print("  loaded from: \(profile.origin)") }
            for name in DutyName.allCases {
                guard let duty = profile.duty(name) else {
                    print("  \(pad(name.rawValue, 28))—")
                    continue
                }
                print("  \(pad(name.rawValue, 28))\(pad(duty.limitDescription, 34))art. \(duty.article)")
                if verbose {
                    if let clock = duty.clockDescription { print("      counted from \(clock)") }
                    if let kinds = duty.appliesTo {
                        print("      applies to: \(kinds.sorted { $0.rawValue < $1.rawValue }.map(\.rawValue).joined(separator: ", ")) (other supervision kinds: no deadline)")
                    }
                    if let outcome = duty.outcome(of: name, approvalAuthority: profile.approvalAuthority) { print("      at the deadline: \(outcome)") }
                    if let quote = duty.quote { print("      「\(quote)」") }
                    if let note = duty.note { print("      \(note)") }
                }
            }
            print("")
        }
    }

    func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }
}
