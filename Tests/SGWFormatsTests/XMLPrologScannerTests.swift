@testable import SGWFormats
import Testing

@Suite struct XMLPrologScannerTests {
    @Test(arguments: [
        ("<r/>", XMLPrologScanner.Outcome.body),
        ("\u{FEFF}<?xml version=\"1.0\"?>\n<!-- c -->\n<r/>", .body),
        ("<?xml version=\"1.0\"?>\n<!DOCTYPE r>", .doctype(line: 2)),
        ("<?xml version=\"1.0\"?><!-- <!DOCTYPE --><!doctype r>", .doctype(line: 1)),
        ("<?xml version=\"1.0\"?>\n<!-- a long comment", .needMore),
        ("<?xml version=\"1.0\"", .needMore),
        ("<!DOC", .needMore),
        ("", .needMore),
    ])
    func scans(_ text: String, _ outcome: XMLPrologScanner.Outcome) {
        #expect(XMLPrologScanner.scan(Array(text.utf8)) == outcome)
    }

    @Test func seesTheMarkupOfUTF16() {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE r><r/>".utf16 {
            bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        #expect(XMLPrologScanner.scan(bytes) == .doctype(line: 1))
    }
}
