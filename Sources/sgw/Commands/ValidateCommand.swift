import ArgumentParser
import SGWCore
import SGWPipeline

/// `sgw validate uscc|idcard|orgcode VALUE…`: checks identity codes, one tab-separated line per value.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check identity codes: USCC (GB 32100), citizen ID numbers (GB 11643), organisation codes (GB 11714).",
        discussion: """
            Prints one line per value: VALUE<TAB>ok with the normalized value (trimmed, upper-cased), or \
            VALUE<TAB>invalid<TAB>REASON. Give - alone to read one value per line from standard input. \
            Exit 0 when every value is valid, 1 otherwise.
            """,
        subcommands: [USCCCommand.self, IDCardCommand.self, OrgCodeCommand.self]
    )

    struct USCCCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "uscc", abstract: "Check unified social credit codes (统一社会信用代码).")
        @Argument(help: "Codes, or - to read one per line from standard input.") var values: [String]
        func validate() throws { try ValidateCommand.requireValues(values) }
        func run() throws { try ValidateCommand.check(values) { USCC.check($0) } }
    }

    struct IDCardCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "idcard",
            abstract: "Check citizen ID numbers (公民身份号码); 15-digit legacy numbers are reported as legacy.")
        @Argument(help: "Numbers, or - to read one per line from standard input.") var values: [String]
        func validate() throws { try ValidateCommand.requireValues(values) }
        func run() throws {
            let today = ShanghaiTime.date(of: .now)
            try ValidateCommand.check(values) { CitizenID.check($0, today: today) }
        }
    }

    struct OrgCodeCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "orgcode", abstract: "Check organisation codes (组织机构代码), XXXXXXXX-C or XXXXXXXXC.")
        @Argument(help: "Codes, or - to read one per line from standard input.") var values: [String]
        func validate() throws { try ValidateCommand.requireValues(values) }
        func run() throws { try ValidateCommand.check(values) { OrganizationCode.check($0) } }
    }

    static func requireValues(_ values: [String]) throws {
        if values.isEmpty { throw ValidationError("give at least one value, or - to read values from standard input") }
        if values.contains("-") && values.count > 1 { throw ValidationError("- reads standard input and stands alone") }
    }

    static func check(_ values: [String], _ check: (String) -> IdentityCheck) throws {
        var out = OutputBuffer()
        var allValid = true
        Queries.forEach(values) { query in
            if let length = query.tooLong {
                allValid = false
                out.line("\(Console.field(query.text, limit: 24))\tinvalid\tlength: line of \(length) bytes")
                return
            }
            let result = check(query.text)
            if let failure = result.failure {
                allValid = false
                out.line("\(Console.field(result.normalized))\tinvalid\t\(Console.field(failure.description, limit: 200))")
            } else {
                out.line("\(result.normalized)\tok")
            }
        }
        out.flush()
        if !allValid { throw ExitCode(1) }
    }
}
