public import Foundation

/// The content of a canonical message, one case per kind.
public indirect enum MessageBody: Sendable, Hashable {
    /// 审批信息.
    case approval(Approval)
    /// 监管信息.
    case supervision(Supervision)
    /// 双公示 行政许可.
    case creditLicence(CreditLicence)
    /// 双公示 行政处罚.
    case creditPenalty(CreditPenalty)
    /// 行业监管信息: an inspection result or handling decision.
    case creditInspection(Inspection)

    /// The kind.
    public var kind: MessageKind {
        switch self {
        case .approval: .approval
        case .supervision: .supervision
        case .creditLicence: .creditLicence
        case .creditPenalty: .creditPenalty
        case .creditInspection: .creditInspection
        }
    }

    /// The required-field rules of RULES.md and CREDIT.md; empty when the message is valid.
    public func rejections() -> [Rejection] {
        switch self {
        case .approval(let m): m.rejections()
        case .supervision(let m): m.rejections()
        case .creditLicence(let m): m.rejections()
        case .creditPenalty(let m): m.rejections()
        case .creditInspection(let m): m.rejections()
        }
    }

    /// The date of the decision the message reports, from which its deadlines count.
    public var decisionDate: LocalDate {
        switch self {
        case .approval(let m): m.decisionDate
        case .supervision(let m): m.decisionDate
        case .creditLicence(let m): m.decisionDate
        case .creditPenalty(let m): m.decisionDate
        case .creditInspection(let m): m.decisionDate
        }
    }

    /// `sha256:` and the hex SHA-256 of the canonical JSON.
    public func contentHash() -> String { ContentHash.sha256(canonicalJSON()) }

    /// The body of a `kind` message, decoded from its canonical JSON (as stored).
    public init(kind: MessageKind, canonicalJSON json: Data) throws {
        let decoder = SGWJSON.decoder
        self = switch kind {
        case .approval: .approval(try decoder.decode(Approval.self, from: json))
        case .supervision: .supervision(try decoder.decode(Supervision.self, from: json))
        case .creditLicence: .creditLicence(try decoder.decode(CreditLicence.self, from: json))
        case .creditPenalty: .creditPenalty(try decoder.decode(CreditPenalty.self, from: json))
        case .creditInspection: .creditInspection(try decoder.decode(Inspection.self, from: json))
        }
    }
}

/// A canonical message: its envelope and its body. JSON: `{"envelope": {…}, "body": {…}}`, the body's shape given
/// by `envelope.kind`.
public struct CanonicalMessage: Sendable, Hashable, Codable {
    /// The envelope.
    public var envelope: Envelope
    /// The content.
    public let body: MessageBody
    /// The body's canonical JSON (`MessageBody.canonicalJSON()`), written once: the content hash, the stored
    /// body, `sgw map`'s output and the platform request all use these bytes instead of writing the body again.
    public let canonicalBody: [UInt8]

    /// A message; the envelope's kind must match the body's.
    public init(envelope: Envelope, body: MessageBody) {
        self.init(envelope: envelope, body: body, canonicalBody: body.canonicalJSON())
    }

    /// A message whose body was decoded from `canonicalBody`, its canonical JSON as stored: kept as it is, not
    /// written again.
    public init(envelope: Envelope, body: MessageBody, canonicalBody: [UInt8]) {
        precondition(envelope.kind == body.kind, "envelope kind \(envelope.kind) for a \(body.kind) body")
        self.envelope = envelope
        self.body = body
        self.canonicalBody = canonicalBody
    }

    /// A new message (version 1 unless given) with a fresh id and the body's content hash; `incomplete` says why
    /// it cannot be sent as it is (see `Envelope.incomplete`). `canonicalBody` is the body's canonical JSON when
    /// the caller wrote it already, from the message before it went into the body: a message read back out of an
    /// `indirect` body to be written is copied, every string retained and released again.
    public static func make(body: MessageBody, canonicalBody: [UInt8]? = nil, key: String, profile: String,
                            provenance: Provenance, receivedAt: Date = .now, version: Int = 1, id: MessageID? = nil,
                            incomplete: String? = nil) -> CanonicalMessage {
        if let canonicalBody { assert(canonicalBody == body.canonicalJSON(), "canonicalBody is not the body's canonical JSON") }
        let json = canonicalBody ?? body.canonicalJSON()
        let envelope = Envelope(
            id: id ?? .make(milliseconds: UInt64(max(0, receivedAt.timeIntervalSince1970 * 1000))), kind: body.kind, key: key,
            contentHash: ContentHash.sha256(json), version: version, profile: profile, provenance: provenance,
            receivedAt: receivedAt, incomplete: incomplete)
        return CanonicalMessage(envelope: envelope, body: body, canonicalBody: json)
    }

    // Equal messages have equal envelopes and bodies; `canonicalBody` follows from the body.
    public static func == (a: CanonicalMessage, b: CanonicalMessage) -> Bool { a.envelope == b.envelope && a.body == b.body }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(envelope)
        hasher.combine(body)
    }

    enum CodingKeys: String, CodingKey { case envelope, body }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let envelope = try c.decode(Envelope.self, forKey: .envelope)
        let body: MessageBody = switch envelope.kind {
        case .approval: .approval(try c.decode(Approval.self, forKey: .body))
        case .supervision: .supervision(try c.decode(Supervision.self, forKey: .body))
        case .creditLicence: .creditLicence(try c.decode(CreditLicence.self, forKey: .body))
        case .creditPenalty: .creditPenalty(try c.decode(CreditPenalty.self, forKey: .body))
        case .creditInspection: .creditInspection(try c.decode(Inspection.self, forKey: .body))
        }
        self.init(envelope: envelope, body: body)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(envelope, forKey: .envelope)
        switch body {
        case .approval(let m): try c.encode(m, forKey: .body)
        case .supervision(let m): try c.encode(m, forKey: .body)
        case .creditLicence(let m): try c.encode(m, forKey: .body)
        case .creditPenalty(let m): try c.encode(m, forKey: .body)
        case .creditInspection(let m): try c.encode(m, forKey: .body)
        }
    }
}
