public import Foundation
public import SGWCore
public import SGWFormats

/// A rejected record as `sgw map` and the rejects files report it: the file, the row as a spreadsheet shows it,
/// the field, a code and a plain message; personal data masked.
public struct RecordRejection: Sendable, Hashable, Codable {
    /// The file.
    public var file: String
    /// `row 5`, `element 3 (line 40)`, `item 12`.
    public var location: String
    /// The row number for spreadsheet-like sources, the element or item number otherwise.
    public var row: Int
    /// The canonical or source field; empty when the whole record is unreadable.
    public var field: String
    /// The rejection code.
    public var code: String
    /// The reason.
    public var message: String
}

/// Reads one file through an adapter's format and mapping, record by record, handing each result to the caller.
public struct MapRun {
    /// Counts of one run.
    public struct Summary: Sendable, Hashable {
        /// Records read (mapped plus rejected).
        public var read = 0
        /// Records mapped.
        public var mapped = 0
        /// Records rejected.
        public var rejected = 0
        /// Messages produced.
        public var messages = 0
        /// Set when the file could not be read to its end.
        public var fatal: FormatError?

        public var line: String { "read \(read), mapped \(mapped), rejected \(rejected)" }
    }

    /// Maps `path`; `onMessage` and `onRejection` are called in file order.
    public static func run(adapter: AdapterSpec, mapper: Mapper, path: String, receivedAt: Date = .now,
                           onMessage: (CanonicalMessage) -> Void, onRejection: (RecordRejection) -> Void) -> Summary {
        var summary = Summary()
        var ids = MessageIDGenerator()
        do {
            var reader = try adapter.reader(path: path)
            while let result = try reader.next() {
                summary.read += 1
                switch result {
                case .unreadable(let u):
                    summary.rejected += 1
                    onRejection(RecordRejection(file: path, location: u.location.description, row: u.location.number, field: "",
                                                code: u.code, message: u.message))
                case .record(let record):
                    switch mapper.map(record, source: path, receivedAt: receivedAt, ids: &ids) {
                    case .messages(let ms):
                        summary.mapped += 1
                        summary.messages += ms.count
                        ms.forEach(onMessage)
                    case .rejected(let rs):
                        summary.rejected += 1
                        for r in rs {
                            onRejection(RecordRejection(file: path, location: record.location.description, row: record.location.number,
                                                        field: r.field, code: r.code.rawValue, message: r.message))
                        }
                    }
                }
            }
        } catch {
            summary.fatal = error
        }
        return summary
    }
}
