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

    /// `description` writes four-digit years in place and others digit by digit: either way the year, month and day
    /// zero-padded. Day numbers: -0001-01-01, 0000-01-01, 0999-12-31, 1970-01-01, 2024-02-29, 9999-12-31, 10000-01-01.
    @Test func descriptionIsTheDateZeroPadded() async {
        func check(_ n: Int) {
            let d = LocalDate(dayNumber: n)
            let expected = (d.year < 0 ? "-" : "") + String(format: "%04d-%02d-%02d", abs(d.year), d.month, d.day)
            #expect(d.description == expected, "day \(n)")
        }
        for n in [-719_893, -719_528, -354_286, 0, 19_782, 2_932_896, 2_932_897] { check(n) }
        #expect(LocalDate(dayNumber: -719_893).description == "-0001-01-01")
        #expect(LocalDate(dayNumber: 2_932_897).description == "10000-01-01")
        await propertyCheck(input: Gen.int(in: -800_000...3_000_000)) { check($0) }
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

    /// Envelopes write instants with `Instant.formatUTC`, in place for four-digit years: the same text as
    /// `utcTimestamp`, which writes them piece by piece (and which `formatUTC` hands other years to).
    @Test func instantsAreWrittenAsUTCTimestamps() async {
        #expect(Instant.formatUTC(Date(timeIntervalSince1970: -0.25)) == "1969-12-31T23:59:59.750Z")
        #expect(Instant.formatUTC(Date(timeIntervalSince1970: -62_167_219_200)) == "0000-01-01T00:00:00.000Z")
        #expect(Instant.formatUTC(Date(timeIntervalSince1970: -62_167_219_200.5)) == "-0001-12-31T23:59:59.500Z")
        #expect(Instant.formatUTC(Date(timeIntervalSince1970: 253_402_300_799.5)) == "9999-12-31T23:59:59.500Z")
        #expect(Instant.formatUTC(Date(timeIntervalSince1970: 253_402_300_800)) == "10000-01-01T00:00:00.000Z")
        await propertyCheck(input: Gen.int(in: -62_167_219_200_000...253_402_300_799_999)) { ms in
            let date = Date(timeIntervalSince1970: Double(ms) / 1000)
            #expect(Instant.formatUTC(date) == ShanghaiTime.utcTimestamp(date))
        }
    }

    @Test func formatsInPlusEight() {
        #expect(ShanghaiTime.format(ShanghaiTime.endOfDay(LocalDate("2026-10-10")!)) == "2026-10-10T23:59:59+08:00")
        #expect(ShanghaiTime.format(ShanghaiTime.parseInstant("2026-09-30T16:00:00.250Z")!) == "2026-10-01T00:00:00+08:00")
    }
}
