import Foundation
@testable import SGWFormats
import Testing

/// The tag limits checked before libxml2 parses a tag (issue 28: 160,000 attributes took 15.7 s).
@Suite struct XMLTagScannerTests {
    func read(_ text: String, _ format: XMLFormat = XMLFormat(recordPath: "DATA/ROW")) -> (records: Int, error: FormatError?) {
        var reader = XMLRecordReader(source: ByteSource(bytes: Array(text.utf8), name: "doc.xml"), format: format)
        var count = 0
        do {
            while try reader.next() != nil { count += 1 }
        } catch {
            return (count, error)
        }
        return (count, nil)
    }

    @Test func manyAttributesAreRefusedAtOnceNamingTheLine() {
        let attributes = (0..<160_000).map { " a\($0)=\"v\"" }.joined()
        let started = Date()
        let (count, error) = read("<DATA>\n<ROW><A>1</A></ROW>\n<ROW\(attributes)><A>2</A></ROW></DATA>")
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(error?.code == "limit" && error?.message == "an element has more than 256 attributes")
        #expect(error?.place == "line 3")
        #expect(count == 0)  // the chunk holding the tag is refused whole, before the records in it are parsed
    }

    @Test func aLongTagIsRefused() {
        let (_, error) = read("<DATA><ROW note=\"\(String(repeating: "x", count: 300))\"/></DATA>",
                              XMLFormat(recordPath: "DATA/ROW", maxTagBytes: 200))
        #expect(error?.message == "a tag is longer than 200 bytes")
    }

    /// `>` and `=` inside quoted values, comments, CDATA and processing instructions are not attributes or tag ends.
    @Test func quotedValuesCommentsAndCDATAAreNotTags() {
        let text = """
            <?xml version="1.0" encoding="UTF-8"?><?pi a=1 b=2 c=3?>
            <DATA><!-- x=1 y=2 z=3 > --><ROW a="x>y=z" b='=\">='><A><![CDATA[ a=1 b=2 > c=3 ]]></A></ROW></DATA>
            """
        let (count, error) = read(text, XMLFormat(recordPath: "DATA/ROW", maxAttributes: 2))
        #expect(error == nil && count == 1)
        #expect(read(text, XMLFormat(recordPath: "DATA/ROW", maxAttributes: 1)).error?.code == "limit")
    }

    /// A tag split at every possible byte between two chunks is counted the same.
    @Test func tagsSplitAcrossChunks() throws {
        let text = Array(#"<D><!-- <R a="1" b="2" c="3"> --><R a="1" b='>' c="3"/></D>"#.utf8)
        for cut in 0...text.count {
            var scanner = XMLTagScanner(limits: .init(maxAttributes: 2, maxTagBytes: 100))
            var error: FormatError?
            do {
                try text[..<cut].withUnsafeBufferPointer { (b) throws(FormatError) in try scanner.scan(b, place: { "line \($0)" }) }
                try text[cut...].withUnsafeBufferPointer { (b) throws(FormatError) in try scanner.scan(b, place: { "line \($0)" }) }
            } catch let e {
                error = e
            }
            #expect(error?.message == "an element has more than 2 attributes", "cut at \(cut)")
        }
    }

    @Test func aRecordPathThatMatchesNothingIsAnError() {
        let (count, error) = read("<DATA><ROWS><ROW/></ROWS></DATA>")
        #expect(count == 0)
        #expect(error?.code == "structure" && error?.message.contains("the root element is <DATA>") == true)
    }
}
