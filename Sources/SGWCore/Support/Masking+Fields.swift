/// Masking by what a field is: the canonical fields that hold a natural person's data.
extension Masking {
    /// The counterparty's members that are personal data, each with its mask: the ID numbers of a natural person (or
    /// of an operator or legal representative) and the phone. A USCC, an organisation code or a licence number is
    /// an organisation's or a document's and is not among them.
    public static let personalMembers: [(name: String, mask: @Sendable (String) -> String)] = [
        ("idNumber", idNumber), ("legalRepresentativeIDNumber", idNumber), ("contact", phone),
    ]

    /// `json` (a message's compact JSON, as `CanonicalMessage.jsonBytes()` writes it) with the string values of the
    /// personal members masked, and the ID numbers and phones in every other string masked by `text(_:)`.
    ///
    /// A member is found by its key followed directly by a string (`"idNumber":"`): inside a JSON string a quote is
    /// always escaped, so the pattern cannot match there.
    public static func message(json: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(json.count)
        var i = 0
        while i < json.count {
            guard json[i] == 0x22 else { out.append(json[i]); i += 1; continue }
            // A string: its bytes up to the closing quote.
            var end = i + 1
            while end < json.count, json[end] != 0x22 { end += json[end] == 0x5C ? 2 : 1 }
            end = min(end, json.count - 1)
            let content = Array(json[(i + 1)..<end])
            let isKey = end + 1 < json.count && json[end + 1] == 0x3A
            out.append(0x22)
            if isKey {
                out += content
                out += [0x22, 0x3A]
                i = end + 2
                if i < json.count, json[i] == 0x22, let member = personalMembers.first(where: { Array($0.name.utf8) == content }) {
                    var valueEnd = i + 1
                    while valueEnd < json.count, json[valueEnd] != 0x22 { valueEnd += json[valueEnd] == 0x5C ? 2 : 1 }
                    valueEnd = min(valueEnd, json.count - 1)
                    let value = String(decoding: json[(i + 1)..<valueEnd], as: UTF8.self)
                    // An escaped value (none of an ID number or a phone) is hidden whole rather than cut mid-escape.
                    let masked = value.contains("\\") ? String(repeating: "*", count: value.count) : member.mask(value)
                    out += [0x22] + Array(masked.utf8) + [0x22]
                    i = valueEnd + 1
                }
            } else {
                out += Array(text(String(decoding: content, as: UTF8.self)).utf8)
                out.append(0x22)
                i = end + 1
            }
        }
        return out
    }
}
