/// Reading a profile from its YAML file. The keys are documented in `docs/profiles.md`.
extension JurisdictionProfile {
    static let topKeys: Set<String> = ["id", "name", "region", "approval_authority", "document", "duties"]
    static let documentKeys: Set<String> = ["title", "number", "issued_by", "date", "valid_from", "valid_to", "trial", "seed"]
    static let dutyKeys: Set<String> = [
        "at_once", "target_minutes", "working_days", "period", "auto_claim", "article", "quote", "counted_from", "applies_to", "note",
    ]

    /// Reads a profile; problems go to `reader` and the result is nil when the profile cannot be used.
    /// `defaultTargetMinutes` is the operational target of "at once" duties that name none.
    public static func read(_ root: ConfigValue, defaultTargetMinutes: Int, origin: String) -> JurisdictionProfile? {
        let reader = root.reader
        guard let map = root.mapping(allowed: topKeys) else { return nil }
        let id = map.required("id")?.string
        let name = map.required("name")?.string
        let region = map["region"]?.string
        var document: SourceDocument?
        if let doc = map.required("document")?.mapping(allowed: documentKeys) {
            let title = doc.required("title")?.string
            let date = doc.required("date")?.date
            let validFrom = doc["valid_from"]?.date ?? date
            let validTo = doc["valid_to"]?.date
            if let validFrom, let validTo, validTo < validFrom {
                reader.problem("'document.valid_to' (\(validTo)) is before 'valid_from' (\(validFrom))", line: doc["valid_to"]?.line)
            }
            if let title, let date, let validFrom {
                document = SourceDocument(
                    title: title, number: doc["number"]?.string, issuedBy: doc["issued_by"]?.string, date: date,
                    validFrom: validFrom, validTo: validTo, trial: doc["trial"]?.bool ?? false, seed: doc["seed"]?.string)
            }
        }
        var duties: [DutyName: Duty] = [:]
        if let dutyMap = map.required("duties")?.mapping(allowed: Set(DutyName.allCases.map(\.rawValue))) {
            for entry in dutyMap.entries {
                guard let dutyName = DutyName(rawValue: entry.key), !entry.value.isNull else { continue }
                if let duty = readDuty(entry.value, name: dutyName, defaultTargetMinutes: defaultTargetMinutes) {
                    duties[dutyName] = duty
                }
            }
            if duties[.creditPublish] == nil {
                reader.problem("every profile needs 'credit.publish' (双公示: 7 working days)", line: dutyMap.owner.line)
            }
        }
        if let id, !id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) || id.isEmpty {
            reader.problem("'id' must be letters, digits, '-' or '_' (got '\(id)')", line: map["id"]?.line)
            return nil
        }
        guard reader.problems.isEmpty, let id, let name, let document else { return nil }
        return JurisdictionProfile(id: id, name: name, region: region, document: document,
                                   approvalAuthority: map["approval_authority"]?.string ?? "行政审批部门", duties: duties, origin: origin)
    }

    private static func readDuty(_ value: ConfigValue, name: DutyName, defaultTargetMinutes: Int) -> Duty? {
        let reader = value.reader
        guard let map = value.mapping(allowed: dutyKeys) else { return nil }
        let atOnce = map["at_once"]?.bool ?? false
        let days = map["working_days"]?.int
        let period = map["period"]?.string
        let target = map["target_minutes"]?.int
        var limit = Duty.Limit.unquantified
        let kinds = [atOnce, days != nil, period != nil].filter { $0 }.count
        if kinds > 1 {
            reader.problem("'\(value.path)' must set only one of at_once, working_days and period", line: value.line)
            return nil
        }
        if atOnce {
            let minutes = target ?? defaultTargetMinutes
            guard minutes > 0 else {
                reader.problem("'\(value.path).target_minutes' must be at least 1", line: map["target_minutes"]?.line)
                return nil
            }
            limit = .atOnce(targetMinutes: minutes)
        } else if let days {
            guard (1...365).contains(days) else {
                reader.problem("'\(value.path).working_days' must be 1 to 365 (got \(days))", line: map["working_days"]?.line)
                return nil
            }
            limit = .workingDays(days)
        } else if let period {
            guard let p = ReportPeriod(rawValue: period) else {
                reader.problem("'\(value.path).period' must be monthly, quarterly or regular (got '\(period)')", line: map["period"]?.line)
                return nil
            }
            limit = .period(p)
        } else if target != nil {
            reader.problem("'\(value.path).target_minutes' applies only with at_once: true", line: map["target_minutes"]?.line)
        }
        if name == .creditPublish, case .workingDays(let n) = limit, n != 7 {
            reader.problem("'credit.publish' is 7 working days in every jurisdiction (got \(n))", line: map["working_days"]?.line)
        }
        var clock: Duty.Clock?
        if let from = map["counted_from"]?.string {
            clock = Duty.Clock(rawValue: from)
            if clock == nil {
                let known = Duty.Clock.allCases.map(\.rawValue)
                let hint = Suggestion.closest(to: from, in: known).map { " (did you mean '\($0)'?)" } ?? ""
                reader.problem("'\(value.path).counted_from' must be one of \(known.joined(separator: ", ")) (got '\(from)')\(hint)",
                               line: map["counted_from"]?.line)
                return nil
            }
        } else {
            switch limit {
            case .atOnce, .workingDays: clock = name.defaultClock
            case .period, .unquantified: clock = nil
            }
        }
        var appliesTo: Set<Supervision.Kind>?
        if let list = map["applies_to"] {
            guard name == .supervisionPush || name == .supervisionClaim || name == .supervisionFeedback else {
                reader.problem("'\(value.path).applies_to' applies only to supervision duties", line: list.line)
                return nil
            }
            var kinds = Set<Supervision.Kind>()
            for item in list.sequence ?? [] {
                guard let text = item.string, let kind = Supervision.Kind(rawValue: text) else {
                    let known = Supervision.Kind.allCases.map(\.rawValue).joined(separator: ", ")
                    reader.problem("'\(value.path).applies_to' lists '\(item.string ?? "?")', not a supervision kind (\(known))", line: item.line)
                    return nil
                }
                kinds.insert(kind)
            }
            guard !kinds.isEmpty else {
                reader.problem("'\(value.path).applies_to' must list at least one supervision kind", line: list.line)
                return nil
            }
            appliesTo = kinds
        }
        if map["auto_claim"] != nil, !name.isClaim {
            reader.problem("'\(value.path).auto_claim' applies only to claim duties (approval.claim, supervision.claim)",
                           line: map["auto_claim"]?.line)
            return nil
        }
        guard let article = map.required("article")?.string else { return nil }
        return Duty(limit: limit, autoClaim: map["auto_claim"]?.bool ?? false, article: article,
                    quote: map["quote"]?.string, countedFrom: clock, appliesTo: appliesTo, note: map["note"]?.string)
    }
}
