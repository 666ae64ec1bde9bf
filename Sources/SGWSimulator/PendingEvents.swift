internal import Foundation

/// The planned claim events not yet visible, as a binary min-heap on (time, planning order): the simulator plans
/// events at random working days ahead, so an ordered array would shift half of itself on every acceptance; the
/// heap keeps planning and releasing at O(log n) however many events wait. Written here because the packages sgw
/// may use carry no priority queue.
struct PendingEvents {
    private var heap: [(order: Int, event: ClaimPlanner.PlannedEvent)] = []
    private var planned = 0

    /// How many events wait.
    var count: Int { heap.count }

    /// Adds `event`; among events at the same instant, the one added first is released first.
    mutating func add(_ event: ClaimPlanner.PlannedEvent) {
        heap.append((planned, event))
        planned += 1
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.precedes(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns, in order, every event due at or before `now`.
    mutating func release(dueBy now: Date) -> [ClaimPlanner.PlannedEvent] {
        var due: [ClaimPlanner.PlannedEvent] = []
        while let first = heap.first, first.event.at <= now {
            due.append(first.event)
            heap.swapAt(0, heap.count - 1)
            heap.removeLast()
            siftDown()
        }
        return due
    }

    private mutating func siftDown() {
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var first = parent
            if left < heap.count, Self.precedes(heap[left], heap[first]) { first = left }
            if right < heap.count, Self.precedes(heap[right], heap[first]) { first = right }
            guard first != parent else { return }
            heap.swapAt(parent, first)
            parent = first
        }
    }

    private static func precedes(_ a: (order: Int, event: ClaimPlanner.PlannedEvent),
                                 _ b: (order: Int, event: ClaimPlanner.PlannedEvent)) -> Bool {
        a.event.at < b.event.at || (a.event.at == b.event.at && a.order < b.order)
    }
}
