/// What an `XMLPushParser` tells as it parses: the events the XML and XLSX readers build records from.
///
/// A method that throws stops the parser; the error is what `XMLPushParser.feed` then throws. The views passed in
/// point into libxml2's buffers and are valid only during the call.
protocol XMLSAXHandler: AnyObject {
    /// An element starts; `line` is the line libxml2 is on (the end of the start tag).
    func startElement(_ element: XMLElementStart, line: Int) throws(FormatError)
    /// The innermost open element ends.
    func endElement() throws(FormatError)
    /// Text (character data, resolved references or a CDATA section) inside the innermost open element.
    func text(_ bytes: UnsafeBufferPointer<UInt8>) throws(FormatError)
}
