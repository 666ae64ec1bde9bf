/// The 双公示 items of CREDIT.md by their codes, as the credit platform takes them: text values, dates as
/// `YYYY/MM/DD`, 长期 as `2099/12/31`, amounts in 万元, penalty categories joined by `;`. Items without a value are
/// left out.
public enum CreditItems {
    /// The items every licence record carries (the counterparty's own codes depend on its kind).
    public static let requiredLicence = [
        "XK_XDR_MC", "XK_XDR_LB", "XK_XKWS", "XK_WSH", "XK_XKLB", "XK_NR", "XK_JDRQ", "XK_YXQZ", "XK_YXQZI",
        "XK_XKJG", "XK_XKJGDM", "XK_ZT", "XK_LYDW", "XK_LYDWDM",
    ]

    /// The items every penalty record carries.
    public static let requiredPenalty = [
        "CF_XDR_MC", "CF_XDR_LB", "CF_WSH", "CF_WFXW", "CF_SY", "CF_YJ", "CF_CFLB", "CF_NR", "CF_JDRQ", "CF_YXQ",
        "CF_CFJG", "CF_CFJGDM", "CF_SJLY", "CF_SJLYDM",
    ]

    /// The required items missing from `items` for a record of `kind` (`credit.licence` or `credit.penalty`).
    public static func missing(in items: [String: String], kind: String) -> [String] {
        let required = kind == MessageKind.creditLicence.rawValue ? requiredLicence : requiredPenalty
        return required.filter { (items[$0] ?? "").isEmpty }
    }

    /// The items of a licence record.
    public static func items(of r: CreditLicence) -> [String: String] {
        var items = counterparty(r.counterparty, prefix: "XK")
        items["XK_XKWS"] = r.documentName
        items["XK_WSH"] = r.documentNumber
        items["XK_XKLB"] = r.category.rawValue
        items["XK_XKZS"] = r.certificateName
        items["XK_XKBH"] = r.licenceNumber
        items["XK_NR"] = r.content
        items["XK_JDRQ"] = date(r.decisionDate)
        items["XK_YXQZ"] = date(r.validity.from)
        items["XK_YXQZI"] = date(r.validity.to ?? Validity.openEndedDate)
        items["XK_XKJG"] = r.authority.name
        items["XK_XKJGDM"] = r.authority.uscc
        items["XK_ZT"] = r.status
        items["XK_LYDW"] = r.dataSource.name
        items["XK_LYDWDM"] = r.dataSource.uscc
        items["BZ"] = r.remarks
        return items.compactMapValues { $0?.isEmpty == false ? $0 : nil }
    }

    /// The items of a penalty record.
    public static func items(of r: CreditPenalty) -> [String: String] {
        var items = counterparty(r.counterparty, prefix: "CF")
        items["CF_WSH"] = r.documentNumber
        items["CF_WFXW"] = r.violationType
        items["CF_SY"] = r.facts
        items["CF_YJ"] = r.basis
        items["CF_CFLB"] = r.categories.map(\.rawValue).joined(separator: ";")
        items["CF_NR"] = r.content
        items["CF_NR_FK"] = r.fine?.description
        items["CF_NR_WFFF"] = r.confiscated?.description
        items["CF_NR_ZKDX"] = r.suspendedOrRevokedLicence
        items["CF_JDRQ"] = date(r.decisionDate)
        items["CF_YXQ"] = date(r.validUntil)
        items["CF_GSJZQ"] = r.publicUntil.map(date)
        items["CF_CFJG"] = r.authority.name
        items["CF_CFJGDM"] = r.authority.uscc
        items["CF_SJLY"] = r.dataSource.name
        items["CF_SJLYDM"] = r.dataSource.uscc
        items["BZ"] = r.remarks
        return items.compactMapValues { $0?.isEmpty == false ? $0 : nil }
    }

    /// `2024/03/01`.
    static func date(_ d: LocalDate) -> String {
        var out = [UInt8]()
        out.reserveCapacity(10)
        ASCIIDigits.append(d.year, width: 4, to: &out)
        out.append(UInt8(ascii: "/"))
        ASCIIDigits.append(d.month, width: 2, to: &out)
        out.append(UInt8(ascii: "/"))
        ASCIIDigits.append(d.day, width: 2, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The counterparty items, shared by both record kinds (CREDIT.md: "as for 许可").
    static func counterparty(_ c: Counterparty, prefix p: String) -> [String: String?] {
        [
            "\(p)_XDR_MC": c.name, "\(p)_XDR_LB": c.kind.creditCategory, "\(p)_XDR_SHXYM": c.uscc,
            "\(p)_XDR_GSZC": c.otherCodes?.businessRegistration, "\(p)_XDR_ZZJG": c.otherCodes?.organizationCode,
            "\(p)_XDR_SWDJ": c.otherCodes?.taxRegistration, "\(p)_XDR_SYDW": c.otherCodes?.publicInstitution,
            "\(p)_XDR_SHZZ": c.otherCodes?.socialOrganization,
            "\(p)_FRDB": c.legalRepresentative, "\(p)_FR_ZJLX": c.legalRepresentativeIDType?.rawValue,
            "\(p)_FR_ZJHM": c.legalRepresentativeIDNumber,
            "\(p)_XDR_ZJLX": c.idType?.rawValue, "\(p)_XDR_ZJHM": c.idNumber,
        ]
    }
}
