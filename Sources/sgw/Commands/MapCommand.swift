import ArgumentParser
import Foundation
import SGWCore
import SGWMapping
import SGWPipeline

/// `sgw map --adapter NAME FILE`: a file through an adapter's format and mapping, as JSON lines.
struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Read a file through an adapter and print one canonical message per line (JSON lines).",
        discussion: """
            Rejected rows go to --rejects (default: standard error) as JSON lines naming the file, the row, the field, \
            a code and a message, personal data masked. Standard error closes with 'read N, mapped M, rejected R'. \
            Exit 0 when the file was read to its end, whatever was rejected; 1 when it could not be.
            """)

    @OptionGroup var rules: RulesOptions
    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "The adapter (adapters/NAME.yaml).") var adapter: String
    @Option(help: ArgumentHelp("Write rejections to this file instead of standard error.", valueName: "file")) var rejects: String?
    @Option(help: "Threads that map records (default: one per core).") var workers: Int = ProcessInfo.processInfo.activeProcessorCount
    @Argument(help: "The file to read.") var file: String

    func validate() throws {
        guard (1...64).contains(workers) else { throw ValidationError("--workers must be 1 to 64") }
    }

    func run() throws {
        let ws = try workspace.load(profiles: try rules.loadProfiles())
        let (spec, mapper): (AdapterSpec, Mapper)
        do { (spec, mapper) = try ws.mapper(adapter: adapter) } catch { throw ValidationError(error.description) }
        var out = OutputBuffer()
        var rejectOut = OutputBuffer(fileDescriptor: 2)
        if let rejects {
            guard let fd = OutputBuffer.create(rejects) else { throw ValidationError("cannot write \(rejects)") }
            rejectOut = OutputBuffer(fileDescriptor: fd)
        }
        let encoder = SGWJSON.canonicalEncoder
        let receivedAt = Date.now
        let lines = MessageLines(origin: mapper.origin(source: file, receivedAt: receivedAt))
        // A record's lines go into one buffer, written as it is.
        let summary = MapRun.run(adapter: spec, mapper: mapper, workers: workers, sink: lines,
                                 onOutput: { (record: consuming MessageLines.Record) in
            out.lines(endingInNewline: record.bytes, count: record.count)
        }, onRejection: { rejection in
            if let data = try? encoder.encode(rejection) { rejectOut.line(String(decoding: data, as: UTF8.self)) }
        })
        out.flush()
        rejectOut.flush()
        rejectOut.close()
        if let fatal = summary.fatal { Console.error("\(file): error: \(fatal.description)") }
        if !summary.missingFields.isEmpty {
            Console.error("\(file): warning: the mapping reads fields this file does not have: \(summary.missingFields.joined(separator: ", "))")
        }
        if !summary.duplicateFields.isEmpty {
            Console.error("\(file): warning: fields named more than once (the first is taken; records whose mapping reads "
                          + "one are rejected): \(summary.duplicateFields.joined(separator: ", "))")
        }
        if out.failed || rejectOut.failed { Console.error("error: writing the output failed; it is incomplete") }
        Console.error(summary.line)
        if summary.fatal != nil || out.failed || rejectOut.failed { throw ExitCode(1) }
    }
}
