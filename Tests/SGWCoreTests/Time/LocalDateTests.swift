import Foundation
import PropertyBased
import SGWCore
import Testing

@Suite struct LocalDateTests {
    @Test func parsesOnlyExactISODates() {
        #expect(LocalDate("2026-09-30") == LocalDate(year: 2026, month: 9, day: 30))
        for bad in ["2026-9-30", "2026/09/30", "2026-02-29", "2024-13-01", "20260930", "2026-09-30 ", ""] {
            #expect(LocalDate(bad) == nil, "\(bad)")
        }
        #expect(LocalDate("2024-02-29") != nil)
    }

    @Test func weekdays() {
        #expect(LocalDate("1970-01-01")!.isoWeekday == 4)
        #expect(LocalDate("2026-10-10")!.isoWeekday == 6)
        #expect(LocalDate("2026-11-23")!.isoWeekday == 1)
    }

    @Test func dayNumberRoundTrips() async {
        await propertyCheck(input: Gen.int(in: -719_162...2_900_000)) { n in
            let date = LocalDate(dayNumber: n)
            #expect(date.dayNumber == n)
            #expect(LocalDate(date.description) == date)
            #expect(date.adding(days: 1) > date)
        }
    }
}

@Suite struct ShanghaiTimeTests {
    @Test func utcEveningIsNextDayInShanghai() {
        // 16:00 UTC is midnight in Shanghai: the day boundary that decides which day a deadline counts from.
        #expect(ShanghaiTime.date(of: ShanghaiTime.parseInstant("2026-09-30T15:59:59Z")!) == LocalDate("2026-09-30"))
        #expect(ShanghaiTime.date(of: ShanghaiTime.parseInstant("2026-09-30T16:00:00Z")!) == LocalDate("2026-10-01"))
    }

    @Test func parsesOffsetsAndLocalTime() {
        let a = ShanghaiTime.parseInstant("2026-09-30T10:00:00+08:00")!
        #expect(ShanghaiTime.parseInstant("2026-09-30T02:00:00Z") == a)
        #expect(ShanghaiTime.parseInstant("2026-09-30 10:00:00") == a)
        #expect(ShanghaiTime.parseInstant("2026-09-30T10:00") == a)
        #expect(ShanghaiTime.parseInstant("2026-09-29T21:00:00-05:00") == a)
        #expect(ShanghaiTime.parseInstant("2026-09-30T10:00:00+0800") == a)
        #expect(ShanghaiTime.parseInstant("2026-09-30") == ShanghaiTime.instant(on: LocalDate("2026-09-30")!))
        for bad in ["2026-09-30T25:00", "2026-09-30T10:00:00+8", "2026-09-30T10", "yesterday", "2026-09-30T10:00:00Zjunk"] {
            #expect(ShanghaiTime.parseInstant(bad) == nil, "\(bad)")
        }
    }

    @Test func formatsUTCWithMilliseconds() {
        #expect(ShanghaiTime.utcTimestamp(ShanghaiTime.parseInstant("2026-09-30T16:00:00.250Z")!) == "2026-09-30T16:00:00.250Z")
        #expect(ShanghaiTime.utcTimestamp(ShanghaiTime.endOfDay(LocalDate("2026-10-10")!)) == "2026-10-10T15:59:59.000Z")
        #expect(ShanghaiTime.utcTimestamp(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500Z")
    }

    @Test func formatsInPlusEight() {
        #expect(ShanghaiTime.format(ShanghaiTime.endOfDay(LocalDate("2026-10-10")!)) == "2026-10-10T23:59:59+08:00")
        #expect(ShanghaiTime.format(ShanghaiTime.parseInstant("2026-09-30T16:00:00.250Z")!) == "2026-10-01T00:00:00+08:00")
    }
}
