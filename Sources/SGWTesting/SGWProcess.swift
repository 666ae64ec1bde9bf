public import Foundation

/// Runs the built `sgw` executable as a child process, as an operator would, and captures what it prints.
public struct SGWProcess {
    /// A child that exits before reading all its input must not stop the tests with SIGPIPE: set once, on first use.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    /// What a run printed and how it ended.
    public struct Result: Sendable {
        /// Standard output.
        public var stdout: String
        /// Standard error.
        public var stderr: String
        /// The exit status.
        public var status: Int32
        /// Standard output split into lines, without the final empty one.
        public var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }
    }

    /// The path of the built executable: beside the test bundle in the build folder.
    public static var executable: String {
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("sgw").path,
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("sgw").path,
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("sgw").path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }

    /// Runs `sgw` with `arguments`, feeding `stdin`; environment additions in `environment`.
    public static func run(_ arguments: [String], stdin: Data = Data(), environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "SGW_CALENDAR_DIR")
        env.removeValue(forKey: "SGW_PROFILES_DIR")
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let inPipe = Pipe(), outPipe = Pipe(), errPipe = Pipe()
        process.standardInput = inPipe
        process.standardOutput = outPipe
        process.standardError = errPipe
        try process.run()
        _ = Self.ignoreBrokenPipes
        // Feed and drain concurrently so that neither side blocks on a full pipe.
        let writer = Thread {
            try? inPipe.fileHandleForWriting.write(contentsOf: stdin)
            try? inPipe.fileHandleForWriting.close()
        }
        writer.start()
        let errData = ErrorCollector(errPipe.fileHandleForReading)
        let out = outPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: errData.wait(), as: UTF8.self),
                      status: process.terminationStatus)
    }
}

/// Reads a pipe to its end on a thread of its own.
final class ErrorCollector: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread {
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }.start()
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}

extension SGWProcess {
    /// Starts `sgw` with `arguments` and returns the running process (output discarded), for tests that kill it.
    public static func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }
}

/// An `sgw` command that serves HTTP (`simulate`, `serve`) as a separate process on a free loopback port.
public class ListeningProcess: @unchecked Sendable {
    /// The running process.
    public let process: Process
    /// Its base URL, e.g. `http://127.0.0.1:41234`.
    public let baseURL: String

    /// Starts `sgw ARGUMENTS` (which must include `--port 0`) and waits for its `listening on URL` line (at most 30 s);
    /// `environment` is added to this process's, and its standard error goes to the file `stderr` when given.
    public init(_ arguments: [String], environment: [String: String] = [:], stderr: String? = nil) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: SGWProcess.executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        if let stderr {
            FileManager.default.createFile(atPath: stderr, contents: nil)
            process.standardError = FileHandle(forWritingAtPath: stderr)
        } else {
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
        var line = Data()
        let started = Date()
        while Date().timeIntervalSince(started) < 30 {
            let byte = out.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data("\n".utf8) { break }
            line += byte
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let range = text.range(of: "http://") else {
            process.terminate()
            throw SimulatorProcess.SimulatorError(message: "sgw \(arguments.first ?? "") did not say where it listens: '\(text)'")
        }
        baseURL = String(text[range.lowerBound...]).trimmingCharacters(in: .whitespaces)
    }

    /// Stops it.
    public func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }
}

/// The platform simulator (`sgw simulate`) as a separate process on a free loopback port.
public final class SimulatorProcess: ListeningProcess, @unchecked Sendable {
    /// The file it records each answered request in.
    public let recordFile: String

    /// Starts `sgw simulate --port 0 --record RECORD` with `options` (faults, seed).
    public init(record: String, options: [String] = []) throws {
        recordFile = record
        try super.init(["simulate", "--port", "0", "--record", record] + options)
    }

    /// The recorded requests, one dictionary per line.
    public func records() -> [[String: Any]] {
        let text = (try? String(contentsOfFile: recordFile, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// The simulator did not start.
    public struct SimulatorError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
        public init(message: String) { self.message = message }
    }
}
