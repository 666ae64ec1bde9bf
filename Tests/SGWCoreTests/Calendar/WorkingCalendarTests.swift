import PropertyBased
import SGWCore
import Testing

@Suite struct WorkingCalendarTests {
    static let calendar = try! WorkingCalendar.load()

    /// Every holiday block of 2024–2026 as the State Council's notices set them: the official days off (weekends
    /// inside a block may be listed as weekend) and the makeup working days.
    static let blocks: [(name: String, daysOff: ClosedRange<String>, makeup: [String])] = [
        ("2024 元旦", "2024-01-01"..."2024-01-01", []),
        ("2024 春节", "2024-02-10"..."2024-02-17", ["2024-02-04", "2024-02-18"]),
        ("2024 清明", "2024-04-04"..."2024-04-06", ["2024-04-07"]),
        ("2024 劳动节", "2024-05-01"..."2024-05-05", ["2024-04-28", "2024-05-11"]),
        ("2024 端午", "2024-06-08"..."2024-06-10", []),
        ("2024 中秋", "2024-09-15"..."2024-09-17", ["2024-09-14"]),
        ("2024 国庆", "2024-10-01"..."2024-10-07", ["2024-09-29", "2024-10-12"]),
        ("2025 元旦", "2025-01-01"..."2025-01-01", []),
        ("2025 春节", "2025-01-28"..."2025-02-04", ["2025-01-26", "2025-02-08"]),
        ("2025 清明", "2025-04-04"..."2025-04-06", []),
        ("2025 劳动节", "2025-05-01"..."2025-05-05", ["2025-04-27"]),
        ("2025 端午", "2025-05-31"..."2025-06-02", []),
        ("2025 国庆中秋", "2025-10-01"..."2025-10-08", ["2025-09-28", "2025-10-11"]),
        ("2026 元旦", "2026-01-01"..."2026-01-03", ["2026-01-04"]),
        ("2026 春节", "2026-02-15"..."2026-02-23", ["2026-02-14", "2026-02-28"]),
        ("2026 清明", "2026-04-04"..."2026-04-06", []),
        ("2026 劳动节", "2026-05-01"..."2026-05-05", ["2026-05-09"]),
        ("2026 端午", "2026-06-19"..."2026-06-21", []),
        ("2026 中秋", "2026-09-25"..."2026-09-27", []),
        ("2026 国庆", "2026-10-01"..."2026-10-07", ["2026-09-20", "2026-10-10"]),
    ]

    @Test(arguments: 0..<blocks.count)
    func holidayBlock(_ index: Int) {
        let block = Self.blocks[index]
        let first = LocalDate(block.daysOff.lowerBound)!, last = LocalDate(block.daysOff.upperBound)!
        var holidays = 0
        for n in first.dayNumber...last.dayNumber {
            let day = Self.calendar.day(LocalDate(dayNumber: n))
            #expect(!day.status.isWorking, "\(block.name): \(LocalDate(dayNumber: n)) should be a day off")
            #expect(!day.provisional)
            if day.status == .holiday { holidays += 1 }
        }
        #expect(holidays >= 1, "\(block.name) has no holiday")
        // The day before and after the block are not days off of this block unless weekend.
        for makeup in block.makeup {
            #expect(Self.calendar.day(LocalDate(makeup)!).status == .makeupWorkday, "\(block.name): \(makeup)")
        }
    }

    @Test func creditDocumentExample() {
        // CREDIT.md: 7 working days after 2026-09-30 is 2026-10-15.
        let sum = Self.calendar.adding(workingDays: 7, to: LocalDate("2026-09-30")!)
        #expect(sum.date == LocalDate("2026-10-15"))
        #expect(!sum.provisional)
    }

    @Test(arguments: [
        ("2026-09-30", 3, "2026-10-10"), ("2026-09-30", 1, "2026-10-08"), ("2026-10-09", 1, "2026-10-10"),
        ("2026-02-13", 1, "2026-02-14"), ("2026-02-14", 1, "2026-02-24"), ("2024-12-31", 1, "2025-01-02"),
        ("2026-11-20", 1, "2026-11-23"),
    ])
    func addingWorkingDays(_ from: String, _ n: Int, _ expected: String) {
        #expect(Self.calendar.adding(workingDays: n, to: LocalDate(from)!).date == LocalDate(expected))
    }

    @Test func yearsBeyondTheLoadedOnesAreProvisional() {
        #expect(Self.calendar.loadedYears == Array(2020...2026))
        let day = Self.calendar.day(LocalDate("2027-01-01")!)
        #expect(day.status == .workday && day.provisional)
        let sum = Self.calendar.adding(workingDays: 5, to: LocalDate("2026-12-28")!)
        #expect(sum.date == LocalDate("2027-01-04"))
        #expect(sum.provisional)
        #expect(!Self.calendar.adding(workingDays: 3, to: LocalDate("2026-12-24")!).provisional)
    }

    @Test func addingThenCountingAgrees() async {
        await propertyCheck(input: Gen.int(in: LocalDate("2020-01-01")!.dayNumber...LocalDate("2026-06-30")!.dayNumber),
                            Gen.int(in: 1...60)) { start, n in
            let from = LocalDate(dayNumber: start)
            let sum = Self.calendar.adding(workingDays: n, to: from)
            #expect(Self.calendar.workingDays(after: from, through: sum.date) == n)
            #expect(Self.calendar.isWorkingDay(sum.date))
        }
    }

    @Test func anOperatorAddsAYear() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("2027.yaml", """
            year: 2027
            holidays:
              - {name: 元旦, from: '2027-01-01', to: '2027-01-03'}
            makeup_workdays:
              - {date: '2027-01-09', for: 元旦}
            """)
        let calendar = try WorkingCalendar.load(extraFolder: dir.path)
        let newYear = calendar.day(LocalDate("2027-01-01")!)
        #expect(newYear.status == .holiday && !newYear.provisional && newYear.holiday == "元旦")
        #expect(calendar.day(LocalDate("2027-01-09")!).status == .makeupWorkday)
        #expect(!calendar.day(LocalDate("2027-03-01")!).provisional)
    }

    @Test func aBrokenYearFileIsReportedWithItsLine() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("2027.yaml", """
            year: 2027
            holidays:
              - {name: 元旦, from: '2027-01-01', to: '2026-12-31'}
            makeup_workdays:
              - {date: '2027-01-05', for: 元旦}
            holiday: []
            """)
        #expect {
            try WorkingCalendar.load(extraFolder: dir.path)
        } throws: { error in
            let text = "\(error)"
            return text.contains("\(file):3: 2026-12-31 is not in 2027")
                && text.contains("\(file):5: makeup working day 2027-01-05 is not a Saturday or Sunday")
                && text.contains("\(file):6: unknown key 'holiday'; did you mean 'holidays'?")
        }
    }
}

import SGWTesting
