import Foundation
public import SGWCore

/// A mapping test: a sample input file beside the messages and rejections it must give, as Vector's unit tests and
/// Redpanda Connect's `test` keep them. Read from `mapping-tests/NAME.yaml` in the configuration folder.
public struct MappingTest: Sendable {
    /// The test's name (its file name).
    public var name: String
    /// The adapter to read the input with.
    public var adapter: String
    /// The input file.
    public var input: String
    /// The expected messages, one JSON line each (`kind`, `key`, `location`, `body`).
    public var messages: String
    /// The expected rejections, one JSON line each (`location`, `field`, `code`, `message`).
    public var rejections: String

    /// What a run found.
    public struct Outcome: Sendable {
        /// The test.
        public var test: MappingTest
        /// The lines expected and found.
        public var expectedMessages: [String], actualMessages: [String]
        /// The rejection lines expected and found.
        public var expectedRejections: [String], actualRejections: [String]
        /// Set when the input could not be read to its end.
        public var fatal: String?

        /// Whether everything matched.
        public var passed: Bool {
            fatal == nil && expectedMessages == actualMessages && expectedRejections == actualRejections
        }
    }

    /// Reads every `mapping-tests/*.yaml` under `directory`; problems as `FILE:LINE: message`.
    public static func load(directory: String) -> ([MappingTest], [ConfigProblem]) {
        var tests: [MappingTest] = []
        var problems: [ConfigProblem] = []
        for path in Workspace.yamlFiles(in: directory, "mapping-tests") {
            let reader = ConfigReader(file: path)
            let folder = (path as NSString).deletingLastPathComponent
            func resolve(_ p: String) -> String { p.hasPrefix("/") ? p : (folder as NSString).appendingPathComponent(p) }
            if let root = reader.root(contentsOf: path), let m = root.mapping(allowed: ["adapter", "input", "messages", "rejections"]),
               let adapter = m.required("adapter")?.string, let input = m.required("input")?.string {
                let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
                if !FileManager.default.fileExists(atPath: resolve(input)) {
                    reader.problem("the input file \(input) does not exist", line: m["input"]?.line)
                }
                tests.append(MappingTest(
                    name: name, adapter: adapter, input: resolve(input),
                    messages: resolve(m["messages"]?.string ?? "\(name).messages.jsonl"),
                    rejections: resolve(m["rejections"]?.string ?? "\(name).rejections.jsonl")))
            }
            problems += reader.problems
        }
        return (tests, problems)
    }

    /// Runs the test in `workspace`.
    public func run(in workspace: Workspace) -> Outcome {
        var outcome = Outcome(test: self, expectedMessages: Self.lines(messages), actualMessages: [],
                              expectedRejections: Self.lines(rejections), actualRejections: [])
        let adapterSpec: AdapterSpec, mapper: Mapper
        do { (adapterSpec, mapper) = try workspace.mapper(adapter: adapter) } catch {
            outcome.fatal = error.description
            return outcome
        }
        let encoder = SGWJSON.canonicalEncoder
        let summary = MapRun.run(adapter: adapterSpec, mapper: mapper, path: input, onMessage: { m in
            outcome.actualMessages.append(Self.json(encoder, ExpectedMessage(kind: m.envelope.kind.rawValue, key: m.envelope.key,
                                                                             location: m.envelope.provenance.location ?? "", body: m)))
        }, onRejection: { r in
            outcome.actualRejections.append(Self.json(encoder, ExpectedRejection(location: r.location, field: r.field, code: r.code,
                                                                                 message: r.message)))
        })
        outcome.fatal = summary.fatal?.description
        return outcome
    }

    /// Writes the outcome's actual lines as the expected ones (`sgw test --update`).
    public func update(with outcome: Outcome) throws {
        try (outcome.actualMessages.map { $0 + "\n" }.joined()).write(toFile: messages, atomically: true, encoding: .utf8)
        try (outcome.actualRejections.map { $0 + "\n" }.joined()).write(toFile: rejections, atomically: true, encoding: .utf8)
    }

    static func lines(_ path: String) -> [String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    }

    static func json(_ encoder: JSONEncoder, _ value: some Encodable) -> String {
        (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// A message as tests compare it: what the mapping decides, without the id and time of the run.
    struct ExpectedMessage: Encodable {
        var kind: String
        var key: String
        var location: String
        var body: CanonicalMessage

        enum CodingKeys: String, CodingKey { case kind, key, location, body, incomplete }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(kind, forKey: .kind)
            try c.encode(key, forKey: .key)
            try c.encode(location, forKey: .location)
            try c.encodeIfPresent(body.envelope.incomplete, forKey: .incomplete)
            try c.encode(BodyOnly(message: body), forKey: .body)
        }
    }

    struct BodyOnly: Encodable {
        var message: CanonicalMessage
        func encode(to encoder: any Encoder) throws {
            // The message's own encoding, keeping only the body.
            switch message.body {
            case .approval(let m): try m.encode(to: encoder)
            case .supervision(let m): try m.encode(to: encoder)
            case .creditLicence(let m): try m.encode(to: encoder)
            case .creditPenalty(let m): try m.encode(to: encoder)
            case .creditInspection(let m): try m.encode(to: encoder)
            }
        }
    }

    struct ExpectedRejection: Encodable {
        var location: String
        var field: String
        var code: String
        var message: String
    }
}
