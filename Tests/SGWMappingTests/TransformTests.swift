import SGWCore
import SGWFormats
@testable import SGWMapping
import SGWTesting
import Testing

@Suite struct TransformTests {
    func make(_ name: String, _ yaml: String? = nil) throws -> any Transform {
        let reader = ConfigReader(file: "t.yaml")
        let args = yaml.flatMap { reader.root(yaml: $0) }
        let t = TransformRegistry.builtin[name]!.make(args, MappingContext(tables: [:], folder: "."))
        #expect(reader.problems.isEmpty, "\(reader.problems)")
        return try #require(t)
    }

    @Test(arguments: [
        ("2024-09-16", "2024-09-16"), ("2024/9/16", "2024-09-16"), ("2024年9月16日", "2024-09-16"), ("20240916", "2024-09-16"),
        ("2024-10-28 00:00:00", "2024-10-28"), ("2024.9.6", "2024-09-06"), (" 2024/10/1 ", "2024-10-01"),
        ("2024-09-01T08:00:00.000+08:00", "2024-09-01"), ("2024-08-31T16:00:00Z", "2024-09-01"), ("2024-09-01 00:00:00.0", "2024-09-01"),
        ("2024.1.1 10:00", "2024-01-01"), ("2024年1月1日 10:00", "2024-01-01"), ("2024.01.01 10:00:00", "2024-01-01"),
    ])
    func dates(_ input: String, _ expected: String) throws {
        #expect(try make("date").apply(input) == expected)
    }

    @Test func impossibleDatesAreRejectedWithTheReason() throws {
        let t = try make("date")
        #expect(throws: TransformFailure.self) { try t.apply("2021/13/01") }
        do { _ = try t.apply("2023-02-29"); Issue.record("2023-02-29 accepted") } catch { #expect(error.message.contains("not a real date")) }
        // Patterns are tried only where the byte after the year fits them; the one that fits still says why not.
        do { _ = try t.apply("2024年2月30日"); Issue.record("2024年2月30日 accepted") } catch { #expect(error.message.contains("day 30 of 2024-2")) }
        do { _ = try t.apply("20240230"); Issue.record("20240230 accepted") } catch { #expect(error.message.contains("day 30 of 2024-2")) }
        #expect(throws: TransformFailure.self) { try t.apply("next week") }
        for implausible in ["0001-01-01", "2924-01-01", "1899/12/31"] {
            do { _ = try t.apply(implausible); Issue.record("\(implausible) accepted") } catch { #expect(error.message.contains("year")) }
        }
        #expect(try t.apply("") == nil)
    }

    @Test func excelSerialsOnlyWhenAsked() throws {
        #expect(try make("date", "[yyyy-MM-dd, excel]").apply("45549") == "2024-09-14")
        #expect(try make("date", "[yyyy-MM-dd, excel]").apply("109574") == "2199-12-31")
        #expect(try make("date", "[yyyy-MM-dd, excel]").apply("18264") == "1950-01-01")
        #expect(throws: TransformFailure.self) { try make("date").apply("45549") }
        // Numbers that are no plausible serial (a mistyped 240101, a bare year, hex) are not dates.
        for bad in ["240101", "2024", "0x10", "-45549", "1e5"] {
            #expect(throws: TransformFailure.self, "\(bad)") { try make("date", "[yyyy-MM-dd, excel]").apply(bad) }
        }
    }

    /// The open-ended check compares prefixes on bytes; it must decide as `hasPrefix` does, a combining mark after
    /// the prefix included (it joins the prefix's last digit into another character).
    @Test(arguments: ["2099-12-31", "2099-12-31 23:59", "2099-12-31\u{301}", "2099-12-3", "9999", "99990101", "99", "",
                      "９９９９", "9999\u{20DD}", "长期"])
    func prefixesOnBytesAsHasPrefix(_ v: String) {
        for prefix: StaticString in ["2099-12-31", "9999"] {
            #expect(DateTransform.hasASCIIPrefix(v, prefix) == v.hasPrefix(prefix.description), "\(v) \(prefix)")
        }
    }

    @Test func openEndedAndRanges() throws {
        let open = try make("open_ended")
        for v in ["长期", "2099-12-31", "永久有效", " 20991231", "99991231", "9999-12-31", "2099/12/31 00:00", "无固定期限"] {
            #expect(try open.apply(v) == nil, "\(v)")
        }
        for v in ["2029-09-28", "20291021", "2099", "长", "20991230"] { #expect(try open.apply(v) == v, "\(v)") }
        #expect(try make("split_range", "{part: 1}").apply("2024-10-28至2027-10-27") == "2024-10-28")
        #expect(try make("split_range", "{part: 2}").apply("2024-10-21至长期") == "长期")
        #expect(try make("split_range", "{part: 2}").apply("2024-10-28-2027-10-27") == "2027-10-27")
        #expect(try make("split_range", "{part: 1}").apply("20241028-20271027") == "20241028")
        // A word at the end decides where a '-' splits; an empty side is no range.
        #expect(try make("split_range", "{part: 1}").apply("2024-01-01-长期") == "2024-01-01")
        #expect(try make("split_range", "{part: 2}").apply("2024-01-01-长期") == "长期")
        #expect(try make("split_range", "{part: 2}").apply("甲-乙") == "乙")
        for cut in ["2024-01-01至", "2024-01-01-", "至2025-01-01", "A-B-C"] {
            #expect(throws: TransformFailure.self, "\(cut)") { try make("split_range", "{part: 2}").apply(cut) }
        }
    }

    @Test func textTransforms() throws {
        #expect(try make("halfwidth").apply("１７９５５６４６１９８") == "17955646198")
        #expect(try make("strip_separators").apply("156-7962 5115") == "15679625115")
        #expect(try make("strip_separators").apply("（0533）6123.456/7—8\u{3000}9\t(0)－1") == "0533612345678901")
        #expect(try make("strip_separators").apply("淄博萌水") == "淄博萌水")
        #expect(try make("strip_separators").apply("【0533】[612]3\u{2013}4\u{00A0}5／6．7") == "053361234567")
        #expect(try make("trim").apply("\u{3000} 淄博 ") == "淄博")
        #expect(try make("upper").apply("92340602ma2pbmem24") == "92340602MA2PBMEM24")
        #expect(try make("upper").apply("92340602MA2PBMEM24") == "92340602MA2PBMEM24")
        #expect(try make("lower").apply("AbC中") == "abc中")
        #expect(try make("halfwidth").apply("\u{3000}中文ＡＢ") == " 中文AB")
        #expect(try make("halfwidth").apply("淄博萌水\u{3001}") == "淄博萌水\u{3001}")
        #expect(try make("regex", "{pattern: '(\\S+)$'}").apply("许可证 道路371502202400001") == "道路371502202400001")
        #expect(try make("default", "无").apply(nil) == "无")
    }

    /// `strip_separators` looks for a byte that can start a separator before decoding: every separator's first
    /// UTF-8 byte must be one.
    @Test func everySeparatorStartsWithAByteTheShortcutLetsThrough() {
        let separators = (UInt32(0)...0x10FFFF).compactMap(Unicode.Scalar.init).filter(TextTransforms.isSeparator)
        #expect(separators.count == 20)
        for u in separators {
            #expect(TextTransforms.mayStartSeparator(String(u).utf8.first!), "U+\(String(u.value, radix: 16))")
        }
    }

    /// ICU backtracks: a pattern is applied only to values of up to 4,096 characters (30,000 took 13 s).
    @Test func aValueTooLongForAPatternIsRejected() throws {
        let long = String(repeating: "a", count: 30_000) + " b"
        let regex = try make("regex", "{pattern: '(\\S+)$'}")
        do { _ = try regex.apply(long); Issue.record("accepted") } catch {
            #expect(error.message.contains("longer than 4096"))
        }
        #expect(throws: TransformFailure.self) { try make("replace", "{pattern: 'a', with: b}").apply(long) }
        #expect(try make("regex", "{pattern: '(\\S+)$'}").apply(String(repeating: "a", count: 4000) + " b") == "b")
    }

    /// A negative group trapped in NSTextCheckingResult on the first match; it is a problem of the mapping now.
    @Test func aRegexGroupOutsideThePatternIsAProblem() {
        for group in ["-1", "2"] {
            let reader = ConfigReader(file: "t.yaml")
            let t = TransformRegistry.builtin["regex"]!.make(reader.root(yaml: "{pattern: '(a)', group: \(group)}"),
                                                              MappingContext(tables: [:], folder: "."))
            #expect(t == nil)
            #expect(reader.problems.map(\.message) == ["'group' \(group) but the pattern has 1 groups (0 is the whole match)"])
        }
    }

    @Test func codeTablesAndDecimals() throws {
        let table = try make("code_table", "{values: {企业法人: organisation}}")
        #expect(try table.apply("企业法人") == "organisation")
        #expect(throws: TransformFailure.self) { try table.apply("外星人") }
        #expect(try make("code_table", "{values: {a: b}, default: z}").apply("q") == "z")
        #expect(try make("decimal", "{divide_by: 10000}").apply("5,000元") == "0.5")
        // A value in 万元 says so and is never divided.
        #expect(try make("decimal").apply("0.1万元") == "0.1")
        #expect(try make("decimal", "{divide_by: 10000}").apply("0.5万") == "0.5")
        #expect(throws: TransformFailure.self) { try make("decimal").apply("万元") }
        #expect(throws: TransformFailure.self) { try make("decimal").apply("5000元") }  // 元 read as 万元
        #expect(throws: TransformFailure.self) { try make("decimal").apply("五千") }
        #expect(throws: TransformFailure.self) { try make("decimal").apply("1.2.3") }
        #expect(throws: TransformFailure.self) { try make("decimal").apply("12-3") }
    }

    /// A table kept in a file (a register of legal representatives by USCC), with a default beside it.
    @Test func aTableFileTakesTheDefaultGivenBesideIt() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("tables/lr.yaml", "91110000600037341L: 张三\n")
        let reader = ConfigReader(file: "m.yaml")
        func make(_ yaml: String) -> (any Transform)? {
            TransformRegistry.builtin["code_table"]!.make(reader.root(yaml: yaml), MappingContext(tables: [:], folder: dir.path))
        }
        let table = try #require(make("{file: tables/lr.yaml, default: ''}"))
        #expect(reader.problems.isEmpty, "\(reader.problems)")
        #expect(try table.apply("91110000600037341L") == "张三")
        #expect(try table.apply("92340602MA2PBMEM24") == "")
        let strict = try #require(make("{file: tables/lr.yaml}"))
        #expect(throws: TransformFailure.self) { try strict.apply("92340602MA2PBMEM24") }
        _ = make("{file: tables/lr.yaml, values: {a: b}}")
        #expect(reader.problems.map(\.message) == ["'file' holds the table's values: give them in the file or here, not both"])
    }

    @Test func phones() {
        for ok in ["13812345678", "0533-6123456", "+8613812345678", "05336123456", "0533-6123456转801", "0533 6123456#12",
                   "138 1234 5678x9"] { #expect(FieldCheck.isPhone(ok), "\(ok)") }
        for bad in ["1234", "23812345678", "电话", "138123456789", "", "转801", "0533-61234转801", "１３８１２３４５６７８",
                    "13812345678转abc", "13812345678x", "0533-6123456#1234567", "0533-6123456转8a"] {
            #expect(!FieldCheck.isPhone(bad), "\(bad)")
        }
    }
}
