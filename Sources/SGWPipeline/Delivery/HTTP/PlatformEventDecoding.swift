import Foundation
import SGWCore
public import SGWStore

/// Claim and feedback events as the platform API writes them (docs/platform-api.md), read the same way whether sgw
/// polled the feed or the platform posted them to sgw's callback.
public enum PlatformEventDecoding {
    /// The events among `objects`, and the highest `seq` seen (0 when none has one). Objects that are not events, or
    /// have no time (`at`: without it an event seen twice could not be recognised), are skipped and counted.
    public static func events(_ objects: [[String: Any]], defaultDepartment: String = "监管部门")
        -> (events: [PlatformEvent], lastSeq: Int, skipped: Int) {
        var out: [PlatformEvent] = []
        var last = 0
        for e in objects {
            if let seq = e["seq"] as? Int { last = max(last, seq) }
            guard let id = e["messageId"] as? String,
                  let kind = (e["type"] as? String).flatMap(PlatformEvent.Kind.init(rawValue:)),
                  let at = (e["at"] as? String).flatMap(ShanghaiTime.parseInstant) else { continue }
            out.append(PlatformEvent(messageID: MessageID(rawValue: id), kind: kind, department: e["department"] as? String ?? defaultDepartment,
                                     reason: e["reason"] as? String, at: at))
        }
        return (out, last, objects.count - out.count)
    }
}
