import Foundation

/// How far a polled source has been read, kept in the store (`sourcestate.watermark`) with the records of the page
/// that moved it. Between runs only `watermark` is set: the lower bound the next run asks from. During a run, `run`
/// says where it stands, so that a poller restarted (or killed) mid-pagination goes on at the next page of the same
/// run instead of asking again from a watermark that the pages already read have moved.
struct PollState: Codable, Equatable, Sendable {
    /// The watermark the next run starts from (the greatest value of the watermark field that a finished run saw).
    var watermark: String?
    /// The run under way, if any.
    var run: Run?

    struct Run: Codable, Equatable, Sendable {
        /// The watermark this run asks from (fixed for all its pages, so that the pages do not shift).
        var since: String?
        /// The next page's number, offset, cursor or URL.
        var next: String
        /// Pages and records read so far in this run.
        var pages: Int, records: Int
        /// The greatest watermark value seen so far in this run.
        var greatest: String?
    }

    init(watermark: String? = nil, run: Run? = nil) {
        self.watermark = watermark
        self.run = run
    }

    /// The state as stored: JSON.
    var text: String { String(decoding: (try? JSONEncoder().encode(self)) ?? Data(), as: UTF8.self) }

    /// The stored state; a watermark stored as plain text (set by an operator) counts as the watermark.
    init(stored: String?) {
        guard let stored else { self.init(); return }
        if let decoded = try? JSONDecoder().decode(PollState.self, from: Data(stored.utf8)) {
            self = decoded
        } else {
            self.init(watermark: stored)
        }
    }

    /// The greater of two watermark values: as numbers when both are, else as text (ISO times and
    /// `yyyy-MM-dd HH:mm:ss` sort as text).
    static func greater(_ a: String?, _ b: String?) -> String? {
        guard let a, !a.isEmpty else { return b }
        guard let b, !b.isEmpty else { return a }
        if let x = Double(a), let y = Double(b) { return x >= y ? a : b }
        return a >= b ? a : b
    }
}
