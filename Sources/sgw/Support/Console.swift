import ArgumentParser
import Foundation
import SGWCore

/// Printing for commands: buffered standard output for bulk answers, and messages on standard error.
enum Console {
    /// Writes `text` and a newline to standard error, after what was printed to standard output so far: when both go
    /// to one file (`sgw demo > log 2>&1`), standard output is block-buffered and would otherwise land out of order.
    static func error(_ text: String) {
        fflush(nil)
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Prints configuration problems and returns the exit code for them (2).
    static func configFailure(_ problems: ConfigProblems) -> ExitCode {
        for p in problems.problems { error(p.description) }
        error("error: \(problems.problems.count) problem(s) in the configuration")
        return ExitCode(2)
    }

    /// Makes a value safe for one tab-separated field: control characters escaped, long values cut.
    static func field(_ value: String, limit: Int = 80) -> String {
        var out = ""
        var count = 0
        for scalar in value.unicodeScalars {
            if count >= limit {
                out += "…(\(value.unicodeScalars.count) characters)"
                break
            }
            switch scalar.value {
            case 0x09: out += "\\t"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0..<0x20, 0x7F, 0x80..<0xA0: out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return out
    }
}

/// Environment variables, read in one place.
enum Environment {
    static func value(_ name: String) -> String? {
        guard let v = ProcessInfo.processInfo.environment[name], !v.isEmpty else { return nil }
        return v
    }
}
