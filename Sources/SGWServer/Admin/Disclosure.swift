public import SGWCore
public import SGWStore

/// What one request may show of personal data (ID numbers, phone numbers), and what it showed. A role without
/// `seesPersonalData` gets every text and message masked (`Masking.text`, `Masking.message(json:)`); an admin or an
/// auditor gets them as they are, and each value that held personal data is noted, so that the request writes one
/// `unmasked-view` line to the audit log naming what was seen.
public struct Disclosure: Sendable {
    /// Whether values are shown as they are.
    public let reveals: Bool
    /// What was shown unmasked that held personal data (message ids, dead letters, imports), in order, once each.
    public private(set) var revealed: [String] = []

    /// The disclosure of `principal`'s request.
    public init(_ principal: Principal) {
        reveals = principal.role.seesPersonalData
    }

    /// `text` masked, or as it is (noted under `target` when it held personal data).
    public mutating func text(_ text: String, of target: String) -> String {
        let masked = Masking.text(text)
        guard reveals else { return masked }
        if masked != text { note(target) }
        return text
    }

    /// An optional text, the same way.
    public mutating func text(_ text: String?, of target: String) -> String? {
        guard let text else { return nil }
        let shown: String = self.text(text, of: target)
        return shown
    }

    /// A message's or a request's JSON masked by field and in every string, or as it is (noted when it held personal
    /// data). Text that is not JSON is masked as text.
    public mutating func json(_ bytes: [UInt8], of target: String) -> [UInt8] {
        // Outside its strings JSON holds no text, so only a document is masked by field; anything else as text.
        let first = bytes.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
        let masked = first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
            ? Masking.message(json: bytes) : Array(Masking.text(String(decoding: bytes, as: UTF8.self)).utf8)
        guard reveals else { return masked }
        if masked != bytes { note(target) }
        return bytes
    }

    private mutating func note(_ target: String) {
        if !revealed.contains(target) { revealed.append(target) }
    }
}
