import Foundation

/// The canonical JSON of every message type, keys in sorted order. `MessageJSONTests` checks each against
/// `JSONEncoder`'s output for the same value.
extension Counterparty: JSONWritable {
    public func write(to w: inout JSONWriter) {
        // By its storage, which copies of the value share: a 双公示 record derived from an approval copies the
        // approval's JSON of it.
        w.shared(identity) { w in writeFields(to: &w) }
    }

    private func writeFields(to w: inout JSONWriter) {
        w.open()
        w.string("address", address)
        w.string("contact", contact)
        w.string("idNumber", idNumber)
        w.string("idType", idType?.rawValue)
        w.string("kind", kind.rawValue)
        w.string("legalRepresentative", legalRepresentative)
        w.string("legalRepresentativeIDNumber", legalRepresentativeIDNumber)
        w.string("legalRepresentativeIDType", legalRepresentativeIDType?.rawValue)
        w.string("name", name)
        w.object("otherCodes", otherCodes)
        w.string("uscc", uscc)
        w.close()
    }
}

extension Counterparty.OtherCodes: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.open()
        w.string("businessRegistration", businessRegistration)
        w.string("organizationCode", organizationCode)
        w.string("publicInstitution", publicInstitution)
        w.string("socialOrganization", socialOrganization)
        w.string("taxRegistration", taxRegistration)
        w.close()
    }
}

extension Organisation: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.open()
        w.string("name", name)
        w.string("uscc", uscc)
        w.close()
    }
}

extension Validity: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.open()
        w.date("from", from)
        w.date("to", to)
        w.close()
    }
}

extension ComprehensiveLicence: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.open()
        w.strings("integratedItems", integratedItems)
        w.string("name", name)
        w.string("number", number)
        w.close()
    }
}

extension ChangeDecision: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.open()
        w.string("action", action?.rawValue)
        w.string("outcome", outcome.rawValue)
        w.string("request", request)
        w.close()
    }
}

extension Commitment: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.open()
        w.date("date", date)
        w.string("letterReference", letterReference)
        w.string("verification", verification?.rawValue)
        w.string("verificationNote", verificationNote)
        w.date("verifiedOn", verifiedOn)
        w.close()
    }
}

extension Approval: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.open()
        w.object("authority", authority)
        w.string("category", category?.rawValue)
        w.object("changeDecision", changeDecision)
        w.object("commitment", commitment)
        w.object("comprehensiveLicence", comprehensiveLicence)
        w.string("content", content)
        w.object("counterparty", counterparty)
        w.date("decisionDate", decisionDate)
        w.string("documentName", documentName)
        w.string("documentNumber", documentNumber)
        w.string("itemCode", itemCode)
        w.string("itemName", itemName)
        w.string("licenceName", licenceName)
        w.string("licenceNumber", licenceNumber)
        w.string("remarks", remarks)
        w.strings("riskPoints", riskPoints)
        w.string("supervisingDepartment", supervisingDepartment)
        w.object("validity", validity)
        w.close()
    }
}

extension Supervision.Evidence: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.open()
        w.string("reference", reference)
        w.string("title", title)
        w.close()
    }
}

extension Supervision: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.open()
        w.string("basisAndResult", basisAndResult)
        w.string("changeAction", changeAction?.rawValue)
        w.object("counterparty", counterparty)
        w.date("decisionDate", decisionDate)
        w.string("department", department)
        w.string("documentNumber", documentNumber)
        w.objects("evidence", evidence)
        w.string("kind", kind.rawValue)
        w.date("publicationDate", publicationDate)
        w.string("relatedLicence", relatedLicence)
        w.close()
    }
}

extension Inspection: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.open()
        w.object("authority", authority)
        w.object("counterparty", counterparty)
        w.date("decisionDate", decisionDate)
        w.string("documentNumber", documentNumber)
        w.string("itemName", itemName)
        w.string("relatedLicence", relatedLicence)
        w.string("result", result)
        w.close()
    }
}

extension CreditLicence: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.open()
        w.object("authority", authority)
        w.string("category", category.rawValue)
        w.string("certificateName", certificateName)
        w.string("content", content)
        w.object("counterparty", counterparty)
        w.object("dataSource", dataSource)
        w.date("decisionDate", decisionDate)
        w.string("documentName", documentName)
        w.string("documentNumber", documentNumber)
        w.string("licenceNumber", licenceNumber)
        w.string("remarks", remarks)
        w.string("status", status)
        w.object("validity", validity)
        w.close()
    }
}

extension CreditPenalty: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.open()
        w.object("authority", authority)
        w.string("basis", basis)
        w.strings("categories", categories.map(\.rawValue))
        w.string("confiscated", confiscated?.description)
        w.string("content", content)
        w.object("counterparty", counterparty)
        w.object("dataSource", dataSource)
        w.date("decisionDate", decisionDate)
        w.string("documentNumber", documentNumber)
        w.string("facts", facts)
        w.string("fine", fine?.description)
        w.date("publicUntil", publicUntil)
        w.string("remarks", remarks)
        w.string("suspendedOrRevokedLicence", suspendedOrRevokedLicence)
        w.date("validUntil", validUntil)
        w.string("violationType", violationType)
        w.close()
    }
}

extension Envelope: JSONWritable {
    /// Written in three parts around the provenance's location, keys in order, so that `MessageLines` can write the
    /// two that every message of a file shares once and put the same bytes around each message's own.
    public func write(to w: inout JSONWriter) {
        Self.writeOwnParts(to: &w, contentHash: { $0.string(contentHash) }, id: { $0.string(id.rawValue) }, incomplete: incomplete,
                           key: { $0.string("key", key) }, kind: kind)
        Self.writeProfileAndAdapter(profile: profile, adapter: provenance.adapter, to: &w)
        w.string("location", provenance.location)
        Self.writeSourceToEnd(source: provenance.source, receivedAt: receivedAt, version: version, to: &w)
    }

    /// `{"contentHash":…` to the kind: what is the message's own. `contentHash` and `id` write their values, `key` its
    /// member.
    static func writeOwnParts(to w: inout JSONWriter, contentHash: (inout JSONWriter) -> Void, id: (inout JSONWriter) -> Void,
                              incomplete: String?, key: (inout JSONWriter) -> Void, kind: MessageKind) {
        w.open()
        w.key("contentHash")
        contentHash(&w)
        w.key("id")
        id(&w)
        w.string("incomplete", incomplete)
        key(&w)
        w.string("kind", kind.rawValue)
    }

    /// `,"profile":…,"provenance":{"adapter":…`, up to the location.
    static func writeProfileAndAdapter(profile: String, adapter: String, to w: inout JSONWriter) {
        w.string("profile", profile)
        w.key("provenance")
        w.open()
        w.string("adapter", adapter)
    }

    /// `,"source":…},"receivedAt":…,"version":…}`, after the location.
    static func writeSourceToEnd(source: String, receivedAt: Date, version: Int, to w: inout JSONWriter) {
        w.string("source", source)
        w.close()
        w.instant("receivedAt", receivedAt)
        w.int("version", version)
        w.close()
    }
}

extension MessageBody: JSONWritable {
    public func write(to w: inout JSONWriter) {
        switch self {
        case .approval(let m): m.write(to: &w)
        case .supervision(let m): m.write(to: &w)
        case .creditLicence(let m): m.write(to: &w)
        case .creditPenalty(let m): m.write(to: &w)
        case .creditInspection(let m): m.write(to: &w)
        }
    }
}

extension CanonicalMessage: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.open()
        w.raw("body", canonicalBody)
        w.object("envelope", envelope)
        w.close()
    }

    /// The message's JSON as one line's bytes.
    public func jsonBytes() -> [UInt8] {
        var w = JSONWriter(capacity: canonicalBody.count + 512)
        write(to: &w)
        return w.bytes
    }
}
