import DequeModule
import Foundation

/// A bounded first-in first-out queue between one producer thread and one consumer: `push` waits while the queue is
/// full and `pop` while it is empty, so a producer that runs ahead (the XLSX sheet parser) holds at most `capacity`
/// elements. The consumer ends the exchange with `close`, which wakes a waiting producer and refuses further pushes.
///
/// Hand-written around a `Deque`: both ends are synchronous (the XLSX sheet parser's thread and a `RecordReader`'s
/// `next()`), which block, where swift-async-algorithms' channels need async callers.
///
/// `@unchecked Sendable`: every stored property is read and written only while `condition` is locked.
final class BlockingQueue<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private let capacity: Int
    private var items = Deque<Element>()
    private var closed = false

    /// A queue holding at most `capacity` elements.
    init(capacity: Int) {
        self.capacity = max(capacity, 1)
    }

    /// Appends `element`, waiting for room; false (and the element dropped) once the queue is closed.
    @discardableResult
    func push(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !closed && items.count >= capacity { condition.wait() }
        guard !closed else { return false }
        items.append(element)
        condition.broadcast()
        return true
    }

    /// Removes the oldest element, waiting for one; nil once the queue is closed and empty.
    func pop() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while !closed && items.isEmpty { condition.wait() }
        guard let element = items.popFirst() else { return nil }
        condition.broadcast()
        return element
    }

    /// Refuses further pushes and wakes everyone waiting; elements already queued can still be popped.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Whether `close` was called: the producer's signal to stop.
    var isClosed: Bool {
        condition.lock()
        defer { condition.unlock() }
        return closed
    }
}
