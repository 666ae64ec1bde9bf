@testable import SGWFormats
import Testing

@Suite struct XLSXDateSerialTests {
    @Test(arguments: [
        ("1", "1900-01-01"), ("59", "1900-02-28"), ("60", "1900-02-29"), ("61", "1900-03-01"),
        ("25569", "1970-01-01"), ("45549", "2024-09-14"), ("45549.5", "2024-09-14 12:00:00"),
        ("45549.999999", "2024-09-15"), ("0.25", "06:00:00"), ("2958465", "9999-12-31"),
    ])
    func the1900System(_ serial: String, _ text: String) {
        #expect(XLSXDateSerial.text(serial, date1904: false) == text)
    }

    @Test(arguments: [("0", "1904-01-01"), ("1", "1904-01-02"), ("44087", "2024-09-14"), ("1.75", "1904-01-02 18:00:00")])
    func the1904System(_ serial: String, _ text: String) {
        #expect(XLSXDateSerial.text(serial, date1904: true) == text)
    }

    @Test(arguments: ["-1", "abc", "", "3000000", "inf"])
    func notADate(_ value: String) {
        #expect(XLSXDateSerial.text(value, date1904: false) == nil)
    }

    @Test(arguments: [
        ("yyyy-mm-dd", true), ("m/d/yy h:mm", true), (#"yyyy"年"m"月"d"日""#, true), ("[$-804]dddd", true),
        ("h:mm:ss", true), ("General", false), ("0.00", false), (#"0.00"d""#, false), ("[Red]#,##0", false),
        (#"#,##0\d"#, false), ("@", false),
    ])
    func dateFormats(_ code: String, _ isDate: Bool) {
        #expect(XLSXStyles.isDateFormat(code) == isDate)
    }

    @Test(arguments: [("A1", 0), ("C5", 2), ("Z9", 25), ("AA10", 26), ("XFD1", 16_383), ("XFE1", nil), ("12", nil)] as [(String, Int?)])
    func cellColumns(_ reference: String, _ column: Int?) {
        #expect(XLSXSheetHandler.column(reference) == column)
    }
}
