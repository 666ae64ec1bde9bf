import Foundation
import SGWCore

/// The records the simulated source systems hold: record `i` is made from the seed and `i` alone, so every run with
/// the same seed serves the same records, and its update time places it on the simulator's clock (the first
/// `recordsAtStart` just before the start, then `recordsPerMinute` a minute).
struct SourceRecords: Sendable {
    let seed: UInt64
    let systems: SourceSystems
    let start: Date

    /// How many records exist at `now`.
    func count(at now: Date) -> Int {
        let later = systems.recordsPerMinute > 0 ? Int(max(0, now.timeIntervalSince(start)) / 60 * systems.recordsPerMinute) : 0
        return systems.recordsAtStart + later
    }

    /// When record `i` was last updated.
    func updated(_ i: Int) -> Date {
        if i < systems.recordsAtStart { return start.addingTimeInterval(Double(i - systems.recordsAtStart) * 60) }
        return start.addingTimeInterval(Double(i - systems.recordsAtStart + 1) * 60 / systems.recordsPerMinute)
    }

    /// The indexes of the records existing at `now` updated at or after `since` (`yyyy-MM-dd HH:mm:ss`, Shanghai), in
    /// update order.
    func indexes(at now: Date, since: String?) -> [Int] {
        let all = 0..<count(at: now)
        guard let since, !since.isEmpty else { return Array(all) }
        return all.filter { Self.text(updated($0)) >= since }
    }

    static let companies = ["聊城药房有限公司", "聊城商贸有限公司", "东昌府区物流经营部", "茌平建材有限公司", "阳谷食品加工厂", "冠县化工有限公司",
                            "临清纺织有限公司", "高唐餐饮管理有限公司"]
    static let people = ["何军", "田艳英", "王立新", "李秀兰", "张伟", "刘洋", "陈静", "赵磊"]
    static let departments: [(name: String, code: String, licence: String, prefix: String)] = [
        ("聊城市市场监督管理局", "MA3C0001", "食品经营许可许可证", "食品"), ("聊城市交通运输局", "MA3C0002", "道路货物运输经营许可许可证", "道路"),
        ("聊城市应急管理局", "MA3C0003", "危险化学品经营许可许可证", "危险"), ("聊城市文化和旅游局", "MA3C0004", "娱乐场所经营许可许可证", "娱乐"),
    ]
    static let violations = [("超范围经营", "经现场检查发现当事人超出许可范围经营"), ("未按规定公示许可证", "经现场检查发现当事人未按规定公示许可证"),
                             ("安全生产隐患未整改", "经复查发现当事人未按期整改安全生产隐患")]
    static let categories = ["罚款", "警告", "吊销许可证件", "责令停产停业", "通报批评", "罚款"]

    /// Record `i` as 聊城's case system lists it (the fields of `mappings/liaocheng-penalties.yaml`, the publication date
    /// `gsrq` among them), with its update time as `gxsj`.
    func penalty(_ i: Int) -> [String: Any] {
        var random = SeededRandom(seed: seed, name: "source-record-\(i)")
        let department = Self.departments[Int(random.next() % UInt64(Self.departments.count))]
        let category = Self.categories[Int(random.next() % UInt64(Self.categories.count))]
        let (violation, facts) = Self.violations[Int(random.next() % UInt64(Self.violations.count))]
        let serial = String(format: "%08d", Int(random.next() % 100_000_000))
        let decided = ShanghaiTime.date(of: updated(i))
        let licence = "\(department.licence) \(department.prefix)371502\(decided.year)\(String(format: "%05d", i + 1))"
        let revokes = category == "吊销许可证件" || category == "责令停产停业"
        return [
            "cfWsh": "聊\(department.name.dropFirst(3).prefix(2))罚〔\(decided.year)〕\(i + 1)号",
            "xdrMc": Self.companies[Int(random.next() % UInt64(Self.companies.count))],
            "xdrLb": "法人及非法人组织",
            "tyshxydm": USCC.make(region: "371502", organisation: serial) ?? "",
            "fddbr": Self.people[Int(random.next() % UInt64(Self.people.count))],
            "wfxwlx": violation, "wfss": facts, "cfyj": "《中华人民共和国行政许可法》第八十一条",
            "cflb": category, "cfnr": category,
            "fkje": category == "罚款" ? String(format: "%.1f", Double(random.next() % 200 + 1) / 10) as Any : NSNull(),
            "zkdx": revokes ? licence as Any : NSNull(),
            "cfjdrq": "\(decided) 00:00:00",
            // 公示日期: published the day after the decision (聊城 art. 17.2 counts the push from it).
            "gsrq": "\(decided.adding(days: 1)) 00:00:00",
            "cfyxq": "\(decided.adding(days: 365)) 00:00:00",
            "cfjg": department.name, "cfjgdm": USCC.make(prefix: "11", region: "371502", organisation: department.code) ?? "",
            "sjly": department.name, "sjlydm": USCC.make(prefix: "11", region: "371502", organisation: department.code) ?? "",
            "gxsj": Self.text(updated(i)),
        ]
    }

    /// `yyyy-MM-dd HH:mm:ss` in Shanghai time: the update times' text, which sorts as time.
    static func text(_ instant: Date) -> String {
        let iso = ShanghaiTime.format(instant)  // 2026-12-07T10:15:00+08:00
        return String(iso.prefix(19)).replacingOccurrences(of: "T", with: " ")
    }
}
