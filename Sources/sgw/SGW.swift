import ArgumentParser
import NIOCore
import NIOPosix
import SGWPipeline

/// The entry point: NIO's event loops become Swift's global executor, so that an HTTP answer resumes the task
/// that waits for it on the thread that read it, instead of waking a thread of Swift's own pool. Blocking in an
/// async function now holds up that loop's connections: store calls go through `blockingCall`, and a command
/// without async work (`import`, `status`, `messages` …) runs on a thread of its own (docs/architecture.md).
@main
enum Main {
    static func main() async {
        MemoryTuning.apply()
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        do {
            let parsed = try await SGW.asyncParseAsRoot()
            if var command = parsed as? any AsyncParsableCommand {
                try await command.run()
            } else {
                nonisolated(unsafe) let command = parsed
                try await blockingCall {
                    var blocking = command
                    try blocking.run()
                }
            }
        } catch {
            SGW.exit(withError: error)
        }
    }
}

/// The sgw command line: thin commands that parse, call SGWCore and print.
struct SGW: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sgw",
        abstract: "The approval–supervision interop gateway.",
        discussion: """
            sgw takes records from self-built business systems, checks them against the rules of a jurisdiction \
            profile and the working calendar, and tracks every legal deadline. Exit codes: 0 success, 1 some input \
            was invalid, 2 a configuration file (calendar, profile) has problems, 3 the store cannot be opened or \
            read (damaged, locked, a newer schema, no permission), 64 bad arguments.
            """,
        version: "0.1.0",
        subcommands: [
            DemoCommand.self, CheckCommand.self, MapCommand.self, TestCommand.self, ImportCommand.self, MessagesCommand.self, DeliverCommand.self, DeadLettersCommand.self, ServeCommand.self, TokensCommand.self, ReportCommand.self, StatusCommand.self, ValidateCommand.self, CalendarCommand.self, ProfilesCommand.self, DeadlineCommand.self, SimulateCommand.self,
        ]
    )
}
