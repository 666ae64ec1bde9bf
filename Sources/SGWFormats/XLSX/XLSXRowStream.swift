import Foundation

/// A sheet's rows, parsed on a thread of their own and handed over through a bounded queue.
///
/// ZIPFoundation inflates by pushing: `extract` calls a closure with each chunk until the entry ends, and libxml2's
/// SAX parser pushes events in turn. A reader must instead pull one record at a time with bounded memory. So the
/// inflating and parsing run on a separate thread that blocks whenever `capacity` rows wait unread, and `next` takes
/// rows from the other end. When the stream is released (the reader is done or dropped), the queue is closed: the
/// producer's next push fails and the next chunk is refused, so the thread ends soon after, closing the file.
final class XLSXRowStream {
    /// What the thread needs, all of it plain values so that it can cross to the thread.
    struct Job: Sendable {
        var path: String
        var format: XLSXFormat
        var part: String
        var sharedStrings: [String]
        var dateStyles: Set<Int>
        var date1904: Bool
    }

    /// Rows read ahead at most (about: a batch being filled and one being taken come on top).
    static let capacity = 256
    /// Rows cross in batches: handing over each row alone costs a thread switch a row.
    static let batchSize = 32

    private let queue = BlockingQueue<[XLSXRowMessage]>(capacity: XLSXRowStream.capacity / XLSXRowStream.batchSize)
    private var batch: [XLSXRowMessage] = []
    private var taken = 0

    /// Starts reading `job`'s sheet.
    init(job: Job) {
        let queue = self.queue
        let thread = Thread {
            // Named from inside: on Linux, Foundation passes a name to the system only for the current thread.
            Thread.current.name = "sgw-xlsx"
            XLSXRowStream.run(job, into: queue)
        }
        thread.stackSize = 4 << 20
        thread.start()
    }

    deinit { queue.close() }

    /// The next row, waiting for the thread to parse it.
    func next() -> XLSXRowMessage {
        if taken == batch.count {
            // pop is nil only after close, which only deinit calls; .end keeps the answer total.
            batch = queue.pop() ?? [.end]
            taken = 0
        }
        taken += 1
        return batch[taken - 1]
    }

    private static func run(_ job: Job, into queue: BlockingQueue<[XLSXRowMessage]>) {
        let cancelled = FormatError.cancelled("the reader was closed")
        var batch: [XLSXRowMessage] = []
        do {
            let package = try XLSXPackage(path: job.path, format: job.format)
            let handler = XLSXSheetHandler(
                format: job.format, sharedStrings: job.sharedStrings, dateStyles: job.dateStyles,
                date1904: job.date1904, part: job.part
            ) { (message) throws(FormatError) in
                batch.append(message)
                guard batch.count == batchSize else { return }
                guard queue.push(batch) else { throw cancelled }
                batch.removeAll(keepingCapacity: true)
            }
            try package.parse(job.part, isCancelled: { queue.isClosed }, handler: handler)
            queue.push(batch + [.end])
        } catch {
            // After a close nobody is listening: the push is refused and the thread simply ends.
            queue.push(batch + [.failure(error)])
        }
    }
}
