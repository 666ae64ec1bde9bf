/// The party a decision concerns (行政相对人): an organisation, a natural person or an individual business.
public struct Counterparty: Sendable, Hashable, Codable {
    /// The counterparty category (行政相对人类别).
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// 法人及非法人组织: identified by a USCC.
        case organisation
        /// 自然人: identified by an ID document.
        case naturalPerson = "natural-person"
        /// 个体工商户: a USCC, or the operator's ID document.
        case individualBusiness = "individual-business"

        /// The 双公示 text value (XK_XDR_LB, CF_XDR_LB).
        public var creditCategory: String {
            switch self {
            case .organisation: "法人及非法人组织"
            case .naturalPerson: "自然人"
            case .individualBusiness: "个体工商户"
            }
        }

        /// The kind for a 双公示 text value.
        public init?(creditCategory: String) {
            guard let kind = Kind.allCases.first(where: { $0.creditCategory == creditCategory }) else { return nil }
            self = kind
        }
    }

    /// The other registration codes of the 双公示 items (代码_2 … 代码_6), for records from before the USCC.
    public struct OtherCodes: Sendable, Hashable, Codable {
        /// 工商注册号 (XK_XDR_GSZC).
        public var businessRegistration: String?
        /// 组织机构代码 (XK_XDR_ZZJG).
        public var organizationCode: String?
        /// 税务登记号 (XK_XDR_SWDJ).
        public var taxRegistration: String?
        /// 事业单位证书号 (XK_XDR_SYDW).
        public var publicInstitution: String?
        /// 社会组织登记证号 (XK_XDR_SHZZ).
        public var socialOrganization: String?

        /// Codes.
        public init(businessRegistration: String? = nil, organizationCode: String? = nil, taxRegistration: String? = nil,
                    publicInstitution: String? = nil, socialOrganization: String? = nil) {
            self.businessRegistration = businessRegistration
            self.organizationCode = organizationCode
            self.taxRegistration = taxRegistration
            self.publicInstitution = publicInstitution
            self.socialOrganization = socialOrganization
        }
    }

    /// The category.
    public var kind: Kind {
        get { storage.fields.kind }
        set { mutate { $0.kind = newValue } }
    }

    /// 行政相对人名称.
    public var name: String {
        get { storage.fields.name }
        set { mutate { $0.name = newValue } }
    }

    /// 统一社会信用代码.
    public var uscc: String? {
        get { storage.fields.uscc }
        set { mutate { $0.uscc = newValue } }
    }

    /// Older registration codes.
    public var otherCodes: OtherCodes? {
        get { storage.fields.otherCodes }
        set { mutate { $0.otherCodes = newValue } }
    }

    /// 证件类型 of a natural person (or of an individual business's operator).
    public var idType: IDType? {
        get { storage.fields.idType }
        set { mutate { $0.idType = newValue } }
    }

    /// 证件号码.
    public var idNumber: String? {
        get { storage.fields.idNumber }
        set { mutate { $0.idNumber = newValue } }
    }

    /// 法定代表人 (or 负责人, 经营者).
    public var legalRepresentative: String? {
        get { storage.fields.legalRepresentative }
        set { mutate { $0.legalRepresentative = newValue } }
    }

    /// 法定代表人证件类型.
    public var legalRepresentativeIDType: IDType? {
        get { storage.fields.legalRepresentativeIDType }
        set { mutate { $0.legalRepresentativeIDType = newValue } }
    }

    /// 法定代表人证件号码.
    public var legalRepresentativeIDNumber: String? {
        get { storage.fields.legalRepresentativeIDNumber }
        set { mutate { $0.legalRepresentativeIDNumber = newValue } }
    }

    /// 联系方式: a phone number as the source gives it.
    public var contact: String? {
        get { storage.fields.contact }
        set { mutate { $0.contact = newValue } }
    }

    /// 地址 / 住所.
    public var address: String? {
        get { storage.fields.address }
        set { mutate { $0.address = newValue } }
    }

    /// The fields, in one box shared by the copies of a counterparty: it is copied into every message made of a
    /// record (an approval and its 双公示 record) and out of them again, and each copy retained and released every
    /// one of its strings (up to fourteen). A copy of the box is one retain. The box never changes (a change makes
    /// a new one), so that reading a field needs no retain of its own: the checks and the JSON writing read each
    /// field of every counterparty, and a mutable box had them retain and release each one.
    private var storage: Storage


    /// What copies of this value share, and a counterparty made apart does not: the box.
    var identity: any AnyObject & Sendable { storage }

    /// What the box holds; its Codable and Hashable conformances are the counterparty's.
    struct Fields: Sendable, Hashable, Codable {
        var kind: Kind
        var name: String
        var uscc: String?
        var otherCodes: OtherCodes?
        var idType: IDType?
        var idNumber: String?
        var legalRepresentative: String?
        var legalRepresentativeIDType: IDType?
        var legalRepresentativeIDNumber: String?
        var contact: String?
        var address: String?
    }

    /// Immutable, so shared across threads without a lock.
    private final class Storage: Sendable {
        let fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    /// A change is a new box: counterparties are built whole and rarely changed afterwards.
    private mutating func mutate(_ change: (inout Fields) -> Void) {
        var fields = storage.fields
        change(&fields)
        storage = Storage(fields)
    }

    /// A counterparty.
    public init(kind: Kind, name: String, uscc: String? = nil, otherCodes: OtherCodes? = nil, idType: IDType? = nil,
                idNumber: String? = nil, legalRepresentative: String? = nil, legalRepresentativeIDType: IDType? = nil,
                legalRepresentativeIDNumber: String? = nil, contact: String? = nil, address: String? = nil) {
        storage = Storage(Fields(
            kind: kind, name: name, uscc: uscc, otherCodes: otherCodes, idType: idType, idNumber: idNumber,
            legalRepresentative: legalRepresentative, legalRepresentativeIDType: legalRepresentativeIDType,
            legalRepresentativeIDNumber: legalRepresentativeIDNumber, contact: contact, address: address))
    }

    public static func == (a: Counterparty, b: Counterparty) -> Bool {
        a.storage === b.storage || a.storage.fields == b.storage.fields
    }

    public func hash(into hasher: inout Hasher) { storage.fields.hash(into: &hasher) }

    public init(from decoder: any Decoder) throws { storage = Storage(try Fields(from: decoder)) }

    public func encode(to encoder: any Encoder) throws { try storage.fields.encode(to: encoder) }
}

// `dump`, `String(describing:)` and test failures show the fields, not the box.
extension Counterparty: CustomReflectable {
    public var customMirror: Mirror { Mirror(reflecting: storage.fields) }
}

/// The type of an identity document (证件类型), as the 双公示 items name it.
public struct IDType: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The Chinese text value, e.g. 身份证, or `其他-…` with the document named.
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// 身份证: checked as a citizen ID number (GB 11643).
    public static let citizenID = IDType(rawValue: "身份证")
    /// 护照号.
    public static let passport = IDType(rawValue: "护照号")
    /// 港澳居民来往内地通行证.
    public static let hongKongMacaoPermit = IDType(rawValue: "港澳居民来往内地通行证")
    /// 台湾居民来往大陆通行证.
    public static let taiwanPermit = IDType(rawValue: "台湾居民来往大陆通行证")
    /// 外国人永久居留身份证.
    public static let foreignPermanentResident = IDType(rawValue: "外国人永久居留身份证")

    /// The five named types.
    public static let named: [IDType] = [.citizenID, .passport, .hongKongMacaoPermit, .taiwanPermit, .foreignPermanentResident]

    /// A named type, or `其他-` followed by what the document is.
    public var isValid: Bool { Self.named.contains(self) || (rawValue.hasPrefix("其他-") && rawValue.count > 3) }
}

extension Counterparty {
    /// Checks the counterparty: the name, and an identity that fits its kind. With `forCredit`, the 双公示
    /// rules also apply (a legal representative for organisations). Without `requireIdentity` (supervision
    /// information names the party; the rules ask no code of it) codes are checked only when present.
    public func rejections(field: String = "counterparty", forCredit: Bool = false, requireIdentity: Bool = true) -> [Rejection] {
        var checks = FieldChecks(prefix: field)
        checks.require(name, "name", "行政相对人名称")
        switch requireIdentity ? kind : nil {
        case nil: break
        case .organisation:
            checks.require(uscc, "uscc", "统一社会信用代码", when: "for organisations")
            if forCredit { checks.merge(creditRejections(field: field)) }
        case .naturalPerson:
            checks.require(idNumber, "idNumber", "证件号码", when: "for natural persons")
        case .individualBusiness:
            if uscc == nil && idNumber == nil {
                checks.add(.required, "uscc", "\(checks.path("uscc")) (统一社会信用代码) or \(checks.path("idNumber")) (the operator's 证件号码) "
                           + "is required for individual businesses")
            }
        }
        checks.uscc(uscc, "uscc")
        if let idType, !idType.isValid {
            checks.add(.invalidValue, "idType", "证件类型 '\(idType)' is not one of \(IDType.named.map(\.rawValue).joined(separator: ", ")) or 其他-…")
        }
        if idType ?? .citizenID == .citizenID { checks.idNumber(idNumber, "idNumber") }
        if let t = legalRepresentativeIDType, !t.isValid {
            checks.add(.invalidValue, "legalRepresentativeIDType", "证件类型 '\(t)' is not a known type")
        }
        if legalRepresentativeIDType ?? .citizenID == .citizenID {
            checks.idNumber(legalRepresentativeIDNumber, "legalRepresentativeIDNumber")
        }
        if let code = otherCodes?.organizationCode, let failure = OrganizationCode.check(code).failure {
            checks.add(.invalidOrganizationCode, "otherCodes.organizationCode", "组织机构代码 \(code) is invalid: \(failure)")
        }
        return checks.rejections
    }

    /// What the 双公示 rules ask of a counterparty beyond the rules without `forCredit`: a legal representative for an
    /// organisation.
    func creditRejections(field: String = "counterparty") -> [Rejection] {
        guard kind == .organisation else { return [] }
        var checks = FieldChecks(prefix: field)
        checks.require(legalRepresentative, "legalRepresentative", "法定代表人", when: "for organisations")
        return checks.rejections
    }
}
