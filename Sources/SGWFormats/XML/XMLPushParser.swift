import CLibXML2

/// libxml2's SAX2 push parser with sgw's safety rules, shared by the XML and XLSX readers: bytes go in chunk by
/// chunk with `feed`, events come out to an `XMLSAXHandler`, and nothing but the parser's own small state is kept.
///
/// The rules: a document with a `<!DOCTYPE` is refused before libxml2 sees it (`XMLPrologScanner`), and every DTD
/// event (subsets, entity declarations, entity look-ups) refuses it again, so no entity is ever declared, expanded or
/// fetched; the network is off (`XML_PARSE_NONET`); libxml2's own size limits stay on (no `XML_PARSE_HUGE`); and any
/// error libxml2 reports ends the document (no `XML_PARSE_RECOVER`), as a `FormatError` with code `xml` and the line;
/// and every chunk is scanned for tags over `XMLTagScanner`'s limits before libxml2 sees it.
final class XMLPushParser {
    /// The most prolog (bytes before the root element) held back for the DOCTYPE scan; real prologs are a few lines.
    static let maxPrologBytes = 1 << 20

    private let handler: any XMLSAXHandler
    private let maxDepth: Int
    private let part: String?
    private var context: xmlParserCtxtPtr?
    private var prolog: [UInt8]? = []
    private var depth = 0
    private var sawRoot = false
    /// Set while the end of the document is being parsed, when libxml2's "extra content" means "cut short".
    private var finishing = false
    /// The first error: from a handler, a limit, a DTD event or libxml2. Later events are ignored once it is set.
    private var failure: FormatError?
    private var tags: XMLTagScanner

    /// A parser sending events to `handler`, refusing elements nested deeper than `maxDepth`. `part` names what is
    /// parsed in error places (`xl/worksheets/sheet1.xml line 3`); nil for a plain XML file (`line 3`).
    init(handler: any XMLSAXHandler, maxDepth: Int, part: String? = nil, limits: XMLTagScanner.Limits = .standard) {
        _ = Self.libraryReady
        tags = XMLTagScanner(limits: limits)
        self.handler = handler
        self.maxDepth = maxDepth
        self.part = part
        var sax = Self.makeHandler()
        // The context keeps an unretained pointer to self: callbacks only run inside `feed`/`finish`, while self lives.
        let me = Unmanaged.passUnretained(self).toOpaque()
        context = xmlCreatePushParserCtxt(&sax, me, nil, 0, nil)
        if let context {
            // NONET only: no NOENT (entities stay unexpanded), no DTDLOAD/DTDATTR/DTDVALID, no RECOVER, no HUGE.
            xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue))
        }
    }

    deinit {
        guard let context else { return }
        if let doc = context.pointee.myDoc { xmlFreeDoc(doc) }
        xmlFreeParserCtxt(context)
    }

    /// The line libxml2 is on, 1-based.
    var line: Int { context.map { Int(xmlSAX2GetLineNumber($0)) } ?? 0 }

    /// Parses the next bytes of the document; the handler is called for every event they complete.
    func feed(_ bytes: [UInt8]) throws(FormatError) {
        if let failure { throw failure }
        do {
            try bytes.withUnsafeBufferPointer { (buffer) throws(FormatError) in try tags.scan(buffer, place: place) }
        } catch {
            throw fail(error)
        }
        guard var held = prolog else { return try parse(bytes, terminate: false) }
        held += bytes
        switch XMLPrologScanner.scan(held) {
        case .needMore:
            guard held.count <= Self.maxPrologBytes else {
                throw fail(.limit("more than \(Self.maxPrologBytes) bytes come before the root element", place: place(1)))
            }
            prolog = held
        case .doctype(let line):
            throw fail(Self.doctypeError(place: place(line)))
        case .body:
            prolog = nil
            try parse(held, terminate: false)
        }
    }

    /// Ends the document: a document cut short (an element left open) is an error here.
    func finish() throws(FormatError) {
        if let failure { throw failure }
        if let held = prolog {
            // The whole document was prolog (or empty): libxml2 says what is missing.
            prolog = nil
            if case .doctype(let line) = XMLPrologScanner.scan(held) { throw fail(Self.doctypeError(place: place(line))) }
            try parse(held, terminate: false)
        }
        finishing = true
        try parse([], terminate: true)
    }

    private func parse(_ bytes: [UInt8], terminate: Bool) throws(FormatError) {
        guard let context else { throw fail(FormatError.xml("libxml2 could not make a parser")) }
        var offset = 0
        repeat {
            // xmlParseChunk takes an Int32 size; chunks are 64 KiB in practice, the loop only guards the type.
            let count = min(bytes.count - offset, 1 << 30)
            let last = terminate && offset + count == bytes.count
            let code = count == 0
                ? xmlParseChunk(context, nil, 0, last ? 1 : 0)
                : bytes.withUnsafeBufferPointer { buffer in
                    UnsafeRawPointer(buffer.baseAddress! + offset).withMemoryRebound(to: CChar.self, capacity: count) {
                        xmlParseChunk(context, $0, Int32(count), last ? 1 : 0)
                    }
                }
            offset += count
            if let failure { throw failure }
            if code != 0 {
                throw fail(FormatError.xml("the XML is malformed (libxml2 error \(code))", place: place(line)))
            }
        } while offset < bytes.count
    }

    @discardableResult
    private func fail(_ error: FormatError) -> FormatError {
        if failure == nil { failure = error }
        return failure!
    }

    private func place(_ line: Int) -> String { (part.map { "\($0) " } ?? "") + "line \(line)" }

    private static func doctypeError(place: String) -> FormatError {
        FormatError.dtd("the document has a DOCTYPE; DTDs and entity declarations are refused", place: place)
    }

    /// libxml2 wants one initialisation before it is used from several threads (the XLSX reader parses on its own).
    private static let libraryReady: Void = xmlInitParser()
}

// MARK: - Callbacks

extension XMLPushParser {
    /// Runs a handler call unless the document has already failed; an error stops libxml2 where it is.
    private func deliver(_ body: () throws(FormatError) -> Void) {
        guard failure == nil else { return }
        do { try body() } catch {
            failure = error
            if let context { xmlStopParser(context) }
        }
    }

    private func startElement(_ element: XMLElementStart) {
        deliver { () throws(FormatError) in
            depth += 1
            sawRoot = true
            guard depth <= maxDepth else {
                throw .limit("elements are nested more than \(maxDepth) deep", place: place(line))
            }
            try handler.startElement(element, line: line)
        }
    }

    private func endElement() {
        deliver { () throws(FormatError) in
            depth -= 1
            try handler.endElement()
        }
    }

    private func text(_ bytes: UnsafePointer<UInt8>?, _ count: Int32) {
        guard let bytes, count > 0 else { return }
        deliver { () throws(FormatError) in try handler.text(UnsafeBufferPointer(start: bytes, count: Int(count))) }
    }

    /// Any DTD event: the prolog scan should have refused the document already; this is the second line.
    private func refuseDTD() {
        deliver { () throws(FormatError) in throw Self.doctypeError(place: place(line)) }
    }

    /// An entity reference that is not one of the five predefined ones (`&amp;` and the like never come here).
    private func refuseEntity(_ name: UnsafePointer<UInt8>?) {
        let shown = name.map { String(cString: $0) } ?? ""
        deliver { () throws(FormatError) in
            throw FormatError.dtd("the entity &\(shown); is not predefined; DTD entities are refused",
                              place: place(line))
        }
    }

    /// libxml2's structured error report. Warnings pass; errors end the document. libxml2 stops by itself after a
    /// fatal error; for the others the error is kept and `feed` throws it (calling `xmlStopParser` from inside an
    /// error report is not safe).
    private func report(_ error: xmlErrorPtr) {
        guard error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue, failure == nil else { return }
        var message = error.pointee.message.map { String(cString: $0) } ?? "libxml2 error \(error.pointee.code)"
        while message.last?.isWhitespace == true { message.removeLast() }
        // At the end libxml2 words a missing end as "Extra content at the end of the document"; say what it means.
        if finishing && error.pointee.code == Int32(XML_ERR_DOCUMENT_END.rawValue) {
            if depth > 0 {
                message = "the document ends with \(depth) element\(depth == 1 ? "" : "s") still open (is it cut short?)"
            } else if !sawRoot {
                message = "the document is empty (it has no root element)"
            }
        }
        let line = error.pointee.line > 0 ? Int(error.pointee.line) : self.line
        // libxml2 holds a tag, comment or attribute whole until it ends, but no more than 10 MB of it (without
        // XML_PARSE_HUGE): past that it gives up, which for sgw is a limit, not a syntax error.
        if message.contains("Huge input lookup") {
            failure = .limit("a tag, comment or attribute value is longer than libxml2's 10 MB limit", place: place(line))
            return
        }
        failure = FormatError.xml("the XML is malformed: \(message)", place: place(line))
    }

    private static func from(_ context: UnsafeMutableRawPointer?) -> XMLPushParser? {
        context.map { Unmanaged<XMLPushParser>.fromOpaque($0).takeUnretainedValue() }
    }

    /// The SAX2 handler table: C function pointers that find the parser again through libxml2's user data.
    private static func makeHandler() -> xmlSAXHandler {
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.startElementNs = { context, localName, prefix, _, _, _, attributeCount, _, attributes in
            guard let parser = XMLPushParser.from(context), let localName else { return }
            parser.startElement(XMLElementStart(localName: localName, prefix: prefix, attributes: attributes,
                                                attributeCount: Int(attributeCount)))
        }
        sax.endElementNs = { context, _, _, _ in XMLPushParser.from(context)?.endElement() }
        sax.characters = { context, bytes, count in XMLPushParser.from(context)?.text(bytes, count) }
        sax.ignorableWhitespace = sax.characters
        sax.cdataBlock = { context, bytes, count in XMLPushParser.from(context)?.text(bytes, count) }
        sax.internalSubset = { context, _, _, _ in XMLPushParser.from(context)?.refuseDTD() }
        sax.externalSubset = { context, _, _, _ in XMLPushParser.from(context)?.refuseDTD() }
        sax.entityDecl = { context, _, _, _, _, _ in XMLPushParser.from(context)?.refuseDTD() }
        sax.unparsedEntityDecl = { context, _, _, _, _ in XMLPushParser.from(context)?.refuseDTD() }
        sax.notationDecl = { context, _, _, _ in XMLPushParser.from(context)?.refuseDTD() }
        sax.elementDecl = { context, _, _, _ in XMLPushParser.from(context)?.refuseDTD() }
        sax.attributeDecl = { context, _, _, _, _, _, _ in XMLPushParser.from(context)?.refuseDTD() }
        sax.getEntity = { context, name in
            XMLPushParser.from(context)?.refuseEntity(name)
            return nil
        }
        sax.getParameterEntity = { context, name in
            XMLPushParser.from(context)?.refuseEntity(name)
            return nil
        }
        sax.resolveEntity = { context, _, _ in
            XMLPushParser.from(context)?.refuseDTD()
            return nil
        }
        sax.serror = { context, error in
            guard let error else { return }
            XMLPushParser.from(context)?.report(error)
        }
        return sax
    }
}
