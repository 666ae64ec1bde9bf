public import Foundation

/// What the sources that are not file imports need of the store: webhook requests and polled pages stored whole,
/// each with its answer or watermark.
public protocol IntakeStore: Sendable {
    /// Stores each batch (an import row, its messages with their deliveries and deadlines, its rejections, its
    /// answer and watermark) in one transaction, durable when this returns. A batch whose `requestID` was stored
    /// before stores nothing and returns the answer kept then.
    func intake(_ batches: [IntakeBatch], at: Date) throws -> [IntakeResult]

    /// A polled adapter's watermark, nil before its first page.
    func watermark(adapter: String) throws -> String?

    /// Sets (or, with nil, forgets) a polled adapter's watermark: an operator's reset, to read the source again.
    func setWatermark(adapter: String, to watermark: String?, at: Date) throws

    /// Throws when the store cannot take a write now (the file read-only, the disk gone, the lock held too long).
    func checkWritable() throws
}
