import Foundation
import SGWCore
import SGWPipeline

extension DeliveryRunner.Outcome {
    /// Prints one line per destination and one for claims; the feeds that could not be read go to standard error.
    func print(elapsed: TimeInterval, indent: String = "") {
        for d in destinations {
            let rate = elapsed > 0 ? Int(Double(d.delivered) / elapsed) : 0
            var line = "\(indent)\(d.destination): delivered \(d.delivered) (\(d.duplicates) already there), attempts \(d.attempts), "
                + "retries \(d.retries), dead letters \(d.deadLetters)"
                + (d.returned > 0 ? ", \(d.returned) given back unsent (the run stopped, or the platform was too slow for their leases)" : "")
                + "; \(rate) msg/s"
            let left = d.backlog
            if !left.isIdle {
                line += "; left: \(left.due) due, \(left.waiting) waiting for a retry, \(left.leased) leased or awaiting a receipt"
                    + (left.nextDueAt.map { " (next at \(ShanghaiTime.format($0)))" } ?? "")
            }
            Swift.print(line)
        }
        let autoClaimed = closed.filter { $0.state == .autoClaimed }.count
        let overdue = closed.filter { $0.state == .overdue }.count
        let verified = closed.filter { $0.state == .verified }.count
        Swift.print("\(indent)claims: \(events) events recorded, \(autoClaimed) auto-claimed at their deadline, "
                    + "\(overdue) overdue (no auto-claim in their rules), "
                    + "\(closed.count - autoClaimed - overdue - verified) feedback windows closed, "
                    + "\(verified) commitments verified")
        for e in feedErrors { Console.error("warning: \(Masking.text(e.description))") }
    }
}
